export interface Comment {
  id: string;
  author: string;
  body: string;
  postedAt: string;
  replies: number;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

function ago(iso: string): string {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

function escapeText(text: string): string {
  const div = document.createElement('div');
  div.textContent = text;
  return div.innerHTML;
}

/** Renders a product's comments into the list below the reviews. */
export function renderComments(list: HTMLElement, comments: readonly Comment[]): void {
  list.innerHTML = comments
    .map(
      (c) => `
      <li class="comment" data-id="${c.id}">
        <header><strong>${escapeText(c.author)}</strong> <time datetime="${c.postedAt}">${ago(c.postedAt)}</time></header>
        <p class="body">${c.body.replace(/\n/g, '<br>')}</p>
        <footer>${c.replies} ${c.replies === 1 ? 'reply' : 'replies'}</footer>
      </li>`,
    )
    .join('');
}

export async function loadComments(productId: string, list: HTMLElement): Promise<void> {
  const res = await fetch(`/api/products/${encodeURIComponent(productId)}/comments`);
  if (!res.ok) {
    list.textContent = 'Comments could not be loaded.';
    return;
  }
  const comments = (await res.json()) as Comment[];
  renderComments(list, comments);
}

export function bindCommentForm(form: HTMLFormElement, productId: string, list: HTMLElement): void {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = new FormData(form).get('body');
    if (typeof body !== 'string' || !body.trim()) return;
    await fetch(`/api/products/${encodeURIComponent(productId)}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ body }),
    });
    form.reset();
    await loadComments(productId, list);
  });
}
