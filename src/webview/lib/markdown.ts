// Turns model output into safe DOM. Two independent layers: markdown-it never emits raw HTML
// (`html: false`), and DOMPurify then allows only the tags Markdown produces, with links limited to
// http(s) and in-page fragments. Model output may carry prompt-injected content, so neither layer
// is trusted alone.
import MarkdownIt from 'markdown-it';
import createDOMPurify from 'dompurify';
import type { Config, DOMPurify } from 'dompurify';
import { decorateCodeBlocks, type CodeBlockAction } from './codeBlocks';

export const ALLOWED_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'ul',
  'ol',
  'li',
  'strong',
  'em',
  's',
  'del',
  'code',
  'pre',
  'a',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
export const FORBIDDEN_TAGS = [
  'script',
  'style',
  'iframe',
  'object',
  'embed',
  'form',
  'input',
  // Not produced by our Markdown settings; listed so a change there cannot let them in.
  'img',
  'svg',
  'math',
  'link',
  'meta',
  'base',
  'button',
  'textarea',
  'select',
  'frame',
  'frameset',
];
/** http(s) links and `#fragment`s only: no javascript:, data:, vscode:, file: or relative paths. */
export const ALLOWED_URI = /^(?:https?:\/\/|#)/i;

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR: ['href', 'title', 'class', 'start'],
  FORBID_TAGS: FORBIDDEN_TAGS,
  FORBID_ATTR: ['style', 'src', 'srcset', 'action', 'formaction', 'xlink:href'],
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
};

export interface MarkdownRendererOptions {
  /** Buttons added to each fenced code block (e.g. chat adds 'insert'). Default: copy only. */
  codeBlockActions?: CodeBlockAction[];
}

export interface MarkdownRenderer {
  /** Sanitised HTML string (no code-block buttons). */
  toSafeHtml(markdown: string): string;
  /** Sanitised, decorated DOM owned by the renderer's document. */
  render(markdown: string): DocumentFragment;
  /** Replaces `target`'s children with the rendered Markdown. */
  renderInto(target: Element, markdown: string): void;
}

type MarkdownParser = ReturnType<typeof MarkdownIt>;

function createMarkdownIt(): MarkdownParser {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // Bare words like "main.py" or "setup.md" are file names in code reviews, not web sites.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });
  // Remote images in model output can leak data to a third party just by being displayed; show the
  // image as an ordinary (click-to-open) link instead.
  md.renderer.rules.image = (tokens, idx) => {
    const token = tokens[idx]!;
    const src = String(token.attrGet('src') ?? '');
    const alt = String(token.content || src);
    return `<a href="${md.utils.escapeHtml(src)}">${md.utils.escapeHtml(alt)}</a>`;
  };
  return md;
}

export interface HtmlSanitizer {
  toHtml(html: string): string;
  toFragment(html: string): DocumentFragment;
}

/** The second layer on its own, so it can be tested against raw hostile HTML. */
export function createHtmlSanitizer(win: Window): HtmlSanitizer {
  const purify: DOMPurify = createDOMPurify(win as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    // Belt and braces: ALLOWED_ATTR already excludes them.
    if (/^on/i.test(data.attrName)) data.keepAttr = false;
  });
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    // Show where a link goes before it is followed (the click goes through the host anyway).
    if (href && !node.hasAttribute('title')) node.setAttribute('title', href);
  });
  return {
    toHtml: (html) => purify.sanitize(html, PURIFY_CONFIG) as string,
    toFragment: (html) => purify.sanitize(html, { ...PURIFY_CONFIG, RETURN_DOM_FRAGMENT: true }),
  };
}

export function createMarkdownRenderer(win: Window = window, options: MarkdownRendererOptions = {}): MarkdownRenderer {
  const md = createMarkdownIt();
  const sanitizer = createHtmlSanitizer(win);
  const actions = options.codeBlockActions ?? ['copy'];

  const render = (markdown: string): DocumentFragment => {
    const fragment = sanitizer.toFragment(md.render(markdown));
    decorateCodeBlocks(fragment, actions);
    return fragment;
  };
  return {
    toSafeHtml: (markdown) => sanitizer.toHtml(md.render(markdown)),
    render,
    renderInto: (target, markdown) => target.replaceChildren(render(markdown)),
  };
}
