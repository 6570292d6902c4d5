import assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { buildWebviewHtml, getNonce, type WebviewHtmlParts } from '../../../src/extension/webview/html-template';

const CSP_SOURCE = 'https://*.vscode-cdn.net';

function parts(overrides: Partial<WebviewHtmlParts> = {}): WebviewHtmlParts {
  return {
    cspSource: CSP_SOURCE,
    nonce: getNonce(),
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/reviewMain.js',
    styleUris: [
      'https://file+.vscode-resource.vscode-cdn.net/ext/media/base.css',
      'https://file+.vscode-resource.vscode-cdn.net/ext/media/review.css',
    ],
    title: 'Review',
    ...overrides,
  };
}

function parse(html: string): Document {
  return new JSDOM(html).window.document;
}

function cspOf(doc: Document): Map<string, string[]> {
  const content = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '';
  return new Map(
    content
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!, values];
      }),
  );
}

describe('webview: html template', () => {
  it("has a CSP with default-src 'none' and scripts allowed only by nonce", () => {
    const p = parts();
    const csp = cspOf(parse(buildWebviewHtml(p)));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${p.nonce}'`]);
    assert.deepEqual(csp.get('style-src'), [CSP_SOURCE]);
    assert.deepEqual(csp.get('font-src'), [CSP_SOURCE]);
    assert.deepEqual(csp.get('img-src'), [CSP_SOURCE]);
  });

  it('never allows inline or eval', () => {
    const html = buildWebviewHtml(parts());
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|unsafe-hashes/);
  });

  it('puts the nonce on the one script, which loads from the given URI', () => {
    const p = parts();
    const scripts = [...parse(buildWebviewHtml(p)).querySelectorAll('script')];
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0]!.getAttribute('nonce'), p.nonce);
    assert.equal(scripts[0]!.getAttribute('src'), p.scriptUri);
  });

  it('links the styles in order and has an #app root', () => {
    const p = parts();
    const doc = parse(buildWebviewHtml(p));
    assert.deepEqual(
      [...doc.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href')),
      p.styleUris,
    );
    assert.ok(doc.getElementById('app'));
    assert.equal(doc.querySelectorAll('style, [style]').length, 0);
  });

  it('makes a different nonce each time, long enough and CSP-safe', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => getNonce()));
    assert.equal(nonces.size, 50);
    for (const nonce of nonces) assert.match(nonce, /^[A-Za-z0-9_-]{22,}$/);
    const a = parse(buildWebviewHtml(parts())).querySelector('script')!.getAttribute('nonce');
    const b = parse(buildWebviewHtml(parts())).querySelector('script')!.getAttribute('nonce');
    assert.notEqual(a, b);
  });

  it('escapes the title and body attributes', () => {
    const doc = parse(
      buildWebviewHtml(
        parts({ title: '</title><script>alert(1)</script>', bodyAttributes: { 'data-panel': '"><script>x</script>' } }),
      ),
    );
    assert.equal(doc.title, '</title><script>alert(1)</script>');
    assert.equal(doc.body.getAttribute('data-panel'), '"><script>x</script>');
    assert.equal(doc.querySelectorAll('script').length, 1);
  });

  it('rejects event-handler body attributes and nonces or sources that could break the policy', () => {
    assert.throws(() => buildWebviewHtml(parts({ bodyAttributes: { onload: 'alert(1)' } })));
    assert.throws(() => buildWebviewHtml(parts({ bodyAttributes: { 'a b': 'x' } })));
    assert.throws(() => buildWebviewHtml(parts({ nonce: "x' 'unsafe-inline" })));
    assert.throws(() => buildWebviewHtml(parts({ cspSource: 'x; script-src *' })));
    assert.throws(() => buildWebviewHtml(parts({ cspSource: 'x" onload="y' })));
    // A multi-source list with a quoted keyword, as code-server gives it, is valid.
    const multi = buildWebviewHtml(parts({ cspSource: "'self' https://*.vscode-cdn.net" }));
    assert.match(multi, /style-src 'self' https:\/\/\*\.vscode-cdn\.net;/);
  });
});
