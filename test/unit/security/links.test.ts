// Links in model output to this machine or a private network are never opened without asking.
import assert from 'node:assert/strict';
import { classifyLink } from '../../../src/shared/protocol';

describe('security: links from model output', () => {
  it('opens public web links directly', () => {
    for (const href of [
      'https://example.com/a?b#c',
      'http://docs.example.org/',
      'https://8.8.8.8/',
      'https://[2001:db8::1]/',
      'https://172.32.0.1/',
      'https://192.169.1.1/',
    ])
      assert.equal(classifyLink(href), 'public', href);
  });

  it('asks before a loopback, private, link-local or local-name address, however it is spelled', () => {
    for (const href of [
      'http://localhost:8080/',
      'http://LOCALHOST./admin',
      'http://api.localhost/',
      'http://127.0.0.1/',
      'http://127.1.2.3:9000/',
      'http://2130706433/', // 127.0.0.1 as one number
      'http://0x7f.1/',
      'http://0.0.0.0:3000/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data/',
      'http://100.64.0.1/',
      'http://[::1]:8080/',
      'http://[::]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:192.168.0.1]/',
      'http://printer.local/',
      'http://router/',
      'https://user:pw@10.0.0.1/',
    ])
      assert.equal(classifyLink(href), 'local', href);
  });

  it('refuses anything that is not http(s)', () => {
    for (const href of ['javascript:alert(1)', 'file:///etc/passwd', 'vscode://x', 'command:x', 'data:text/html,x', ''])
      assert.equal(classifyLink(href), 'refused', href);
  });
});
