import assert from 'node:assert/strict';
import { contentSecurityPolicy } from '../../../src/extension/webview/html-template';

describe('security: webview CSP', () => {
  it('loads no remote or data: images (no beacons from model output)', () => {
    const imgSrc = contentSecurityPolicy('vscode-webview://abc', 'bm9uY2U')
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('img-src'));
    assert.equal(imgSrc, 'img-src vscode-webview://abc');
  });
});
