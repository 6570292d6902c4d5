// Builds a webview document from already-resolved URIs. Kept free of `vscode` so the security-critical
// parts (CSP, nonce, escaping) can be unit-tested in plain Node.
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlParts {
  /** `webview.cspSource`: the only origin allowed for styles, fonts and local images. */
  cspSource: string;
  /** Fresh per render; the only way a script is allowed to run. */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  title: string;
  bodyAttributes?: Record<string, string>;
}

const ATTRIBUTE_NAME = /^[a-z][a-z0-9-]*$/i;
const NONCE = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** 128 bits from the OS CSPRNG, base64url (valid in a CSP nonce and an HTML attribute). */
export function getNonce(): string {
  return randomBytes(16).toString('base64url');
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** No 'unsafe-inline' or 'unsafe-eval': model output is rendered in these pages. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return (
    [
      "default-src 'none'",
      // Only our own images: a remote image in model output would be a beacon (and could carry data out).
      `img-src ${cspSource}`,
      `style-src ${cspSource}`,
      `font-src ${cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ') + ';'
  );
}

function renderBodyAttributes(attributes: Record<string, string> | undefined): string {
  return Object.entries(attributes ?? {})
    .map(([name, value]) => {
      if (!ATTRIBUTE_NAME.test(name) || /^on/i.test(name)) throw new Error(`Invalid body attribute name: ${name}`);
      return ` ${name}="${escapeHtml(value)}"`;
    })
    .join('');
}

export function buildWebviewHtml(parts: WebviewHtmlParts): string {
  // A nonce that could break out of the attribute or the CSP would defeat the whole policy.
  if (!NONCE.test(parts.nonce)) throw new Error('Invalid nonce');
  // Validated rather than escaped so the policy reads verbatim in the document (and in tests). A source
  // list may hold several sources and quoted keywords (code-server gives "'self' https://…"), but never a
  // directive separator or anything that leaves the attribute.
  if (!parts.cspSource.trim() || /[;"<>&\r\n\\]/.test(parts.cspSource)) throw new Error('Invalid cspSource');
  const csp = contentSecurityPolicy(parts.cspSource, parts.nonce);
  const styles = parts.styleUris.map((uri) => `    <link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${csp}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
    <title>${escapeHtml(parts.title)}</title>
  </head>
  <body${renderBodyAttributes(parts.bodyAttributes)}>
    <div id="app"></div>
    <script nonce="${parts.nonce}" src="${escapeHtml(parts.scriptUri)}"></script>
  </body>
</html>
`;
}
