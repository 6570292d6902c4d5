import { writeFileSync } from 'node:fs';
import { buildWebviewHtml } from '../../../src/extension/webview/html-template';

const nonce = 'abc123nonce';
const expertText = `## Summary\n\nThe function \`parse\` trusts its input. See https://owasp.org/www-community/attacks/xss and [bad](javascript:alert(1)).\n\n<script>alert('x')</script>\n\n- **Injection**: user input reaches \`eval\`\n- Missing bounds check\n\n\`\`\`ts\nfunction parse(s: string) {\n  return JSON.parse(s) as Config; // <b>not html</b>\n}\n\`\`\`\n`;
const pages: Record<string, { script: string; styles: string[]; messages: unknown[] }> = {
  review: {
    script: 'reviewMain',
    styles: ['base.css', 'review.css'],
    messages: [
      { type: 'review/init', reviewId: 'r1', title: 'Review of src/parser.ts', targets: ['src/parser.ts', 'src/lexer.ts'], sections: [{ id: 'security', title: 'Security' }, { id: 'performance', title: 'Performance' }, { id: 'tests', title: 'Testing' }, { id: 'synthesis', title: 'Synthesis' }], excluded: [{ path: '.env', reason: 'secret file' }, { path: 'dist/big.js', reason: 'generated', detail: '2.1 MB' }], simulated: true, startedAt: new Date().toISOString() },
      { type: 'review/update', updates: [{ id: 'security', status: 'streaming', append: expertText.slice(0, 80), elapsedMs: 1200 }, { id: 'performance', status: 'streaming', append: 'Loops look fine. ', elapsedMs: 900 }] },
      { type: 'review/update', updates: [{ id: 'security', append: expertText.slice(80), status: 'done', elapsedMs: 4200, outputTokens: 321 }, { id: 'performance', status: 'failed', note: 'rate limited (429) after 3 retries', elapsedMs: 3000, outputTokens: 12 }, { id: 'tests', status: 'waiting', note: 'rate limited, retrying in 2 s' }] },
      { type: 'review/update', updates: [{ id: 'synthesis', status: 'streaming', append: 'Two issues stand out: **input trust** and retries.' }] },
      { type: 'review/findings', dropped: 1, findings: [
        { id: 'f1', file: 'src/parser.ts', startLine: 10, endLine: 14, severity: 'critical', title: 'Untrusted input reaches eval', explanation: 'Use `JSON.parse` instead of `eval`.', experts: ['Security'], hasFix: true },
        { id: 'f2', file: 'src/lexer.ts', startLine: 3, endLine: 3, severity: 'medium', title: 'Quadratic string concatenation', explanation: 'Collect parts in an array.', experts: ['Performance', 'Security'], hasFix: false },
        { id: 'f3', file: 'src/lexer.ts', startLine: 30, endLine: 31, severity: 'info', title: 'Naming', explanation: 'Consider `tokenize`.', experts: ['Testing'], hasFix: false },
      ] },
      { type: 'review/cost', cost: { usage: { input: 12345, output: 2345, cacheWrite: 10000, cacheRead: 40000 }, cost: '$0.0123', saved: '$0.0400' } },
    ],
  },
  chat: {
    script: 'chatMain',
    styles: ['base.css', 'chat.css'],
    messages: [
      { type: 'chat/thread', threadKey: 't1', fileLabel: 'src/parser.ts', turns: [{ role: 'user', text: 'Why is eval bad here?\n<b>not bold</b>' }, { role: 'assistant', text: 'Because **untrusted** input.\n\n```js\nJSON.parse(s)\n```', status: 'completed' }, { role: 'user', text: 'Show a fix' }], notice: '3 older turns are no longer sent', simulated: true },
      { type: 'chat/busy', busy: true },
      { type: 'chat/append', text: 'Here is a fix:\n\n```ts\nconst cfg = JSON.parse(' },
      { type: 'chat/append', text: 'text);\n```\nand more' },
      { type: 'chat/turnDone', status: 'interrupted' },
      { type: 'chat/busy', busy: false },
    ],
  },
  delegate: {
    script: 'delegateMain',
    styles: ['base.css', 'delegate.css'],
    messages: [
      { type: 'delegate/init', task: 'Add input validation to every public function in src/api/*.ts', sections: [{ id: 's1', title: 'Subtask 1: users.ts' }, { id: 's2', title: 'Subtask 2: orders.ts' }, { id: 'integration', title: 'Integration' }], simulated: false },
      { type: 'delegate/update', updates: [{ id: 's1', status: 'done', text: 'Validated `createUser`.', outputTokens: 50, elapsedMs: 2100 }, { id: 's2', status: 'cancelled', append: 'Started on `createOrder`…', elapsedMs: 1500 }] },
      { type: 'delegate/update', updates: [{ id: 'integration', status: 'streaming', append: 'Merging results…' }] },
      { type: 'delegate/cost', cost: { usage: { input: 5000, output: 700, cacheWrite: 0, cacheRead: 4000 }, cost: '$0.0040' } },
      { type: 'delegate/done', status: 'cancelled', message: 'stopped by user' },
    ],
  },
};

for (const [name, page] of Object.entries(pages)) {
  let html = buildWebviewHtml({
    cspSource: 'file:',
    nonce,
    scriptUri: `file:///work/main/dist/webview/${page.script}.js`,
    styleUris: page.styles.map((s) => `file:///work/main/media/${s}`),
    title: name,
    bodyAttributes: { 'data-panel': name },
  });
  const stub = `<script nonce="${nonce}">
window.__posted = []; window.__errors = [];
window.addEventListener('error', (e) => { window.__errors.push(String(e.message)); document.title = 'ERR ' + e.message; });
window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: (s) => { window.__state = s; } });
const msgs = ${JSON.stringify(page.messages).replace(/</g, "\\u003c")};
msgs.forEach((m, i) => setTimeout(() => window.postMessage(m, '*'), 50 * (i + 1)));
setTimeout(() => { const p = document.createElement('pre'); p.id = 'debug'; p.textContent = 'posted: ' + JSON.stringify(window.__posted) + '\\nerrors: ' + JSON.stringify(window.__errors) + '\\nscripts/iframes: ' + document.querySelectorAll('#app script, iframe').length; document.body.append(p); }, 50 * (msgs.length + 3));
</script>`;
  html = html.replace('<div id="app"></div>', `<div id="app"></div>\n${stub}`);
  writeFileSync(`/tmp/wv/${name}.html`, html);
}
