// Tiny helpers for building DOM without innerHTML: text from the model or the host only ever
// reaches the page through textContent or the Markdown sanitiser.

export interface ElementProps {
  className?: string;
  testId?: string;
  text?: string;
  hidden?: boolean;
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: ElementProps = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  if (props.className) element.className = props.className;
  if (props.testId) element.dataset['testid'] = props.testId;
  if (props.text !== undefined) element.textContent = props.text;
  if (props.hidden) element.hidden = true;
  for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

export interface ButtonProps {
  label: string;
  testId?: string;
  /** When the visible label alone would be ambiguous to a screen reader. */
  ariaLabel?: string;
  className?: string;
  hidden?: boolean;
  onClick: (event: MouseEvent) => void;
}

export function button(doc: Document, props: ButtonProps): HTMLButtonElement {
  const b = el(doc, 'button', {
    className: props.className ?? 'button',
    text: props.label,
    ...(props.testId ? { testId: props.testId } : {}),
    ...(props.hidden ? { hidden: true } : {}),
    attrs: { type: 'button', ...(props.ariaLabel ? { 'aria-label': props.ariaLabel } : {}) },
  });
  b.addEventListener('click', props.onClick);
  return b;
}

/** The element an event happened on (or inside), matched against `selector`. */
export function closestElement(target: EventTarget | null, selector: string): Element | null {
  const node = target as Node | null;
  if (!node || typeof node.nodeType !== 'number') return null;
  const element = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return element?.closest(selector) ?? null;
}

let nextDomId = 0;
/** DOM ids for aria references; host-provided ids may contain characters ids should not. */
export function uniqueDomId(prefix: string): string {
  nextDomId += 1;
  return `${prefix}-${nextDomId}`;
}
