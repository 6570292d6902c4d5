export interface SearchHit {
  title: string;
  snippet: string;
  url: string;
}

/** Matches e-mail-like words in a snippet so they can be masked in public results. */
const EMAIL_LIKE = /([a-zA-Z0-9]+[._-]?)+@([a-zA-Z0-9]+\.)+[a-zA-Z]{2,}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export function maskEmails(snippet: string): string {
  return snippet.replace(EMAIL_LIKE, '[email hidden]');
}

/** The snippet as HTML with every query term wrapped in <mark>. */
export function highlight(snippet: string, query: string): string {
  const terms = query
    .split(/\s+/)
    .filter((t) => t.length > 1)
    .map(escapeRegExp);
  const safe = escapeHtml(maskEmails(snippet));
  if (terms.length === 0) return safe;
  const pattern = new RegExp(`(${terms.join('|')})`, 'gi');
  return safe.replace(pattern, '<mark>$1</mark>');
}

export function renderHits(container: HTMLElement, hits: readonly SearchHit[], query: string): void {
  container.replaceChildren(
    ...hits.map((hit) => {
      const item = document.createElement('article');
      const link = document.createElement('a');
      link.href = hit.url;
      link.textContent = hit.title;
      const snippet = document.createElement('p');
      snippet.innerHTML = highlight(hit.snippet, query);
      item.append(link, snippet);
      return item;
    }),
  );
}
