// Model Markdown for a surface that renders images (VS Code's comment threads): every image becomes a
// link to the same place, so nothing in model output makes the editor fetch a remote URL (a tracking
// pixel, or data smuggled into its query). The webviews do the same in their renderer (webview/lib/markdown.ts).
//
// An image is `![` outside code; escaping the `!` leaves a link. Which lines are code is decided by a
// CommonMark parser (markdown-it, with HTML blocks recognised as the editor's renderer does), never by
// guessing, and only where every CommonMark reading agrees: top-level fenced code before any HTML block
// is left as written (so `vec![1]` in a fix stays readable). Anywhere else (indented code, code in a
// list or quote) a `![` gets its backslash: a doubt costs a visible character, never an image.
import MarkdownIt from 'markdown-it';

let parser: ReturnType<typeof MarkdownIt> | undefined;

/** `line` with a backslash before each `![` whose `!` is not escaped already (an even run of backslashes before it). */
function escapeImageMarks(line: string): string {
  let out = '';
  let from = 0;
  for (let at = line.indexOf('!['); at >= 0; at = line.indexOf('![', at + 2)) {
    let slashes = 0;
    while (at - slashes - 1 >= 0 && line[at - slashes - 1] === '\\') slashes++;
    if (slashes % 2 === 1) continue;
    out += `${line.slice(from, at)}\\`;
    from = at;
  }
  return out + line.slice(from);
}

/** `markdown` with every image turned into a link; top-level code blocks as they were. */
export function imagesAsLinks(markdown: string): string {
  const text = markdown.replace(/\r\n?/g, '\n');
  if (!text.includes('![')) return text;
  // html: true only so HTML blocks are found where CommonMark finds them; nothing is rendered here.
  parser ??= new MarkdownIt({ html: true });
  const code = new Set<number>();
  for (const token of parser.parse(text, {})) {
    // After an HTML block, renderers may disagree on where code starts: from there on nothing is trusted.
    if (token.type === 'html_block') break;
    if (token.level !== 0 || token.type !== 'fence' || !token.map) continue;
    // A fence's own marker lines are not code; an unclosed fence's last line is, but is escaped anyway
    // (a backslash shown, never an image).
    const [start, end] = token.map;
    for (let i = start + 1; i < end - 1; i++) code.add(i);
  }
  return text
    .split('\n')
    .map((line, i) => (code.has(i) ? line : escapeImageMarks(line)))
    .join('\n');
}
