export interface PagerState {
  /** 1-based. */
  page: number;
  pageSize: number;
  totalItems: number;
}

export function totalPages(state: PagerState): number {
  return Math.max(1, Math.ceil(state.totalItems / state.pageSize));
}

/** The page numbers to show as buttons: the first, the last, and a window around the current one. */
export function visiblePages(state: PagerState, window = 2): Array<number | 'gap'> {
  const last = totalPages(state);
  const pages: Array<number | 'gap'> = [];
  const from = Math.max(2, state.page - window);
  const to = Math.min(last - 1, state.page + window);
  pages.push(1);
  if (from > 2) pages.push('gap');
  for (let p = from; p <= to; p++) pages.push(p);
  if (to < last - 1) pages.push('gap');
  if (last > 1) pages.push(last);
  return pages;
}

/** "Showing 26–50 of 112". */
export function rangeLabel(state: PagerState): string {
  if (state.totalItems === 0) return 'No results';
  const first = state.page * state.pageSize + 1;
  const last = Math.min(state.totalItems, first + state.pageSize - 1);
  return `Showing ${first}–${last} of ${state.totalItems}`;
}

export function goTo(state: PagerState, page: number): PagerState {
  const clamped = Math.min(Math.max(1, Math.trunc(page)), totalPages(state));
  return { ...state, page: clamped };
}

export function renderPager(nav: HTMLElement, state: PagerState, onSelect: (page: number) => void): void {
  nav.replaceChildren(
    ...visiblePages(state).map((p) => {
      if (p === 'gap') {
        const span = document.createElement('span');
        span.textContent = '…';
        return span;
      }
      const button = document.createElement('button');
      button.textContent = String(p);
      button.disabled = p === state.page;
      button.addEventListener('click', () => onSelect(p));
      return button;
    }),
  );
}
