// Adds Copy / Insert buttons to rendered fenced code blocks. The buttons are created here, after
// sanitising, so the model can never produce one; clicks are handled by contentActions.ts.

export type CodeBlockAction = 'copy' | 'insert';

const LABELS: Record<CodeBlockAction, { text: string; aria: string; testId: string }> = {
  copy: { text: 'Copy', aria: 'Copy code', testId: 'code-copy' },
  insert: { text: 'Insert at cursor', aria: 'Insert code at cursor', testId: 'code-insert' },
};

export const CODE_ACTION_ATTRIBUTE = 'data-code-action';

export function decorateCodeBlocks(root: DocumentFragment | Element, actions: CodeBlockAction[]): void {
  if (actions.length === 0) return;
  const doc = root.ownerDocument ?? (root as unknown as Document);
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    if (!pre.querySelector('code')) continue;
    const wrapper = doc.createElement('div');
    wrapper.className = 'code-block';
    const toolbar = doc.createElement('div');
    toolbar.className = 'code-actions';
    for (const action of actions) {
      const b = doc.createElement('button');
      b.type = 'button';
      b.className = 'code-action';
      b.textContent = LABELS[action].text;
      b.setAttribute('aria-label', LABELS[action].aria);
      b.setAttribute(CODE_ACTION_ATTRIBUTE, action);
      b.dataset['testid'] = LABELS[action].testId;
      toolbar.append(b);
    }
    pre.replaceWith(wrapper);
    wrapper.append(toolbar, pre);
  }
}

/** The block's raw text as the model wrote it (textContent undoes the HTML escaping). */
export function codeOfBlock(actionButton: Element): string | undefined {
  const code = actionButton.closest('.code-block')?.querySelector('pre > code');
  return code?.textContent ?? undefined;
}
