import { JSDOM } from 'jsdom';
import { createMarkdownRenderer } from '../../../src/webview/lib/markdown';
const dom = new JSDOM('<!doctype html><body></body>');
const r = createMarkdownRenderer(dom.window as unknown as Window, { codeBlockActions: ['copy','insert'] });
const src = `# Hi\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [v](vscode:foo) [d](data:text/html,hi) ![im](https://e.com/a.png?q=secret) see main.py and https://example.com/x\n\n\`\`\`ts\nconst a = "<b>";\n\`\`\`\n\n- a\n- b\n\n| a | b |\n|:-|-:|\n| 1 | 2 |`;
console.log(r.toSafeHtml(src));
const div = dom.window.document.createElement('div'); r.renderInto(div, src); console.log(div.innerHTML);
