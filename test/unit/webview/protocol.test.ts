import assert from 'node:assert/strict';
import { isSafeLink, parseChatMessage, parseDelegateMessage, parseReviewMessage } from '../../../src/shared/protocol';

describe('webview: protocol validation', () => {
  it('accepts well-formed messages from each webview', () => {
    const review = [
      { type: 'ready' },
      { type: 'openFinding', findingId: 'f1' },
      { type: 'applyFix', findingId: 'f1' },
      { type: 'askFollowUp' },
      { type: 'askFollowUp', findingId: 'f2' },
      { type: 'export' },
      { type: 'cancel' },
      { type: 'openLink', href: 'https://example.com' },
      { type: 'copyText', text: 'x' },
    ];
    for (const m of review) assert.deepEqual(parseReviewMessage(m), m);
    const chat = [
      { type: 'send', text: 'hi' },
      { type: 'stop' },
      { type: 'newThread' },
      { type: 'insertCode', code: 'x()' },
      { type: 'copyText', text: '' },
      { type: 'openLink', href: 'http://a.b' },
    ];
    for (const m of chat) assert.deepEqual(parseChatMessage(m), m);
    const delegate = [
      { type: 'ready' },
      { type: 'cancel' },
      { type: 'openResult' },
      { type: 'copyText', text: 'x' },
      { type: 'stopSubtask', id: 'subtask-1' },
      { type: 'reviewChanges' },
    ];
    for (const m of delegate) assert.deepEqual(parseDelegateMessage(m), m);
  });

  it('rejects unknown types and messages meant for another webview', () => {
    assert.equal(parseReviewMessage({ type: 'send', text: 'x' }), undefined);
    assert.equal(parseReviewMessage({ type: 'insertCode', code: 'x' }), undefined);
    assert.equal(parseChatMessage({ type: 'applyFix', findingId: 'f' }), undefined);
    assert.equal(parseDelegateMessage({ type: 'export' }), undefined);
    assert.equal(parseReviewMessage({ type: 'toString' }), undefined);
    assert.equal(parseReviewMessage({ type: '__proto__' }), undefined);
  });

  it('rejects non-objects and missing types', () => {
    for (const v of [null, undefined, 'ready', 42, [], [{ type: 'ready' }], {}, { type: 5 }]) {
      assert.equal(parseReviewMessage(v), undefined, JSON.stringify(v));
    }
  });

  it('rejects extra keys, including ones named like Object.prototype members', () => {
    assert.equal(parseReviewMessage({ type: 'ready', extra: 1 }), undefined);
    assert.equal(parseReviewMessage({ type: 'cancel', findingId: 'f1' }), undefined);
    assert.equal(parseChatMessage({ type: 'send', text: 'x', model: 'other' }), undefined);
    assert.equal(parseReviewMessage({ type: 'ready', toString: 'x' }), undefined);
    assert.equal(parseReviewMessage({ type: 'ready', constructor: 'x' }), undefined);
    assert.equal(parseReviewMessage(JSON.parse('{"type":"ready","__proto__":{"x":1}}')), undefined);
  });

  it('rejects wrong field types and missing required fields', () => {
    assert.equal(parseReviewMessage({ type: 'openFinding', findingId: 1 }), undefined);
    assert.equal(parseReviewMessage({ type: 'openFinding' }), undefined);
    assert.equal(parseReviewMessage({ type: 'askFollowUp', findingId: null }), undefined);
    assert.equal(parseChatMessage({ type: 'send', text: ['a'] }), undefined);
    assert.equal(parseChatMessage({ type: 'insertCode', code: { toString: () => 'x' } }), undefined);
    assert.equal(parseDelegateMessage({ type: 'openLink', href: 42 }), undefined);
    assert.equal(parseDelegateMessage({ type: 'stopSubtask' }), undefined);
  });

  it('rejects oversized strings', () => {
    const huge = 'x'.repeat(200_001);
    assert.equal(parseChatMessage({ type: 'send', text: huge }), undefined);
    assert.equal(parseReviewMessage({ type: 'copyText', text: huge }), undefined);
    assert.ok(parseChatMessage({ type: 'send', text: 'x'.repeat(200_000) }));
  });

  it('only treats http(s) links as safe', () => {
    for (const href of ['https://example.com/a?b#c', 'http://localhost:8080/'])
      assert.equal(isSafeLink(href), true, href);
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'file:///etc/passwd',
      'vscode://vscode.git/clone?url=x',
      'vscode-webview://x',
      'command:workbench.action.terminal.new',
      'data:text/html,<script>alert(1)</script>',
      'mailto:a@b.c',
      '//evil.example',
      '/relative',
      '#fragment',
      '',
      'not a url',
    ]) {
      assert.equal(isSafeLink(href), false, href);
    }
  });
});
