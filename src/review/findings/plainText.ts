// A finding's Markdown (model text: `code`, **bold**, [links](…), lists) as plain text, for surfaces
// that show text as it is: the Problems panel and its hovers, a quick pick, a text box. Parsed with
// markdown-it (CommonMark), never by stripping characters: `a*b*c` in code stays as written.
import MarkdownIt from 'markdown-it';

type Token = ReturnType<ReturnType<typeof MarkdownIt>['parse']>[number];

let parser: ReturnType<typeof MarkdownIt> | undefined;

function inlineText(children: readonly Token[]): string {
  let out = '';
  for (const t of children) {
    if (t.type === 'text' || t.type === 'code_inline' || t.type === 'html_inline') out += t.content;
    else if (t.type === 'softbreak') out += ' ';
    else if (t.type === 'hardbreak') out += '\n';
    else if (t.type === 'image') out += t.content || String(t.attrGet('src') ?? '');
    else if (t.children?.length) out += inlineText(t.children);
  }
  return out;
}

/**
 * `markdown` as plain text: inline code without its backticks, emphasis without its marks, a link as
 * its text, blocks (paragraphs, list items, code) on lines of their own. Whitespace inside a line is
 * kept; blank lines between blocks are not.
 */
export function markdownToPlainText(markdown: string): string {
  parser ??= new MarkdownIt({ html: false, linkify: false });
  const lines: string[] = [];
  let bullet = '';
  const ordinals: number[] = [];
  for (const token of parser.parse(markdown.replace(/\r\n?/g, '\n'), {})) {
    switch (token.type) {
      case 'bullet_list_open':
        ordinals.push(0);
        break;
      case 'ordered_list_open':
        ordinals.push(Number(token.attrGet('start') ?? 1));
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        ordinals.pop();
        break;
      case 'list_item_open': {
        const n = ordinals.at(-1) ?? 0;
        bullet = n > 0 ? `${n}. ` : '- ';
        if (n > 0) ordinals[ordinals.length - 1] = n + 1;
        break;
      }
      case 'inline': {
        const text = inlineText(token.children ?? []);
        const indent = '  '.repeat(Math.max(0, ordinals.length - 1));
        lines.push(`${indent}${bullet}${text}`);
        bullet = '';
        break;
      }
      case 'fence':
      case 'code_block':
        lines.push(token.content.replace(/\n$/, ''));
        break;
      default:
        break;
    }
  }
  return lines.join('\n').trim();
}
