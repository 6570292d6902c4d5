// One delegated click handler per panel for everything inside rendered Markdown: links never
// navigate the webview (they go to the host, which opens them after its own check), and code-block
// buttons post the block's text.
import { isSafeLink } from '../../shared/protocol';
import { CODE_ACTION_ATTRIBUTE, codeOfBlock } from './codeBlocks';
import { closestElement } from './dom';

export interface ContentActionHandlers {
  openLink(href: string): void;
  copyText(text: string): void;
  /** Only the chat view can insert code into the editor. */
  insertCode?(code: string): void;
}

const FEEDBACK_MS = 1500;

export function installContentActions(root: Element, handlers: ContentActionHandlers): () => void {
  const onClick = (event: Event) => {
    const actionButton = closestElement(event.target, `button[${CODE_ACTION_ATTRIBUTE}]`);
    if (actionButton && root.contains(actionButton)) {
      runCodeAction(actionButton, handlers);
      return;
    }
    const link = closestElement(event.target, 'a');
    if (!link || !root.contains(link)) return;
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href && isSafeLink(href)) handlers.openLink(href);
  };
  // Middle-click would otherwise try to open the link in a new window.
  const onAuxClick = (event: Event) => {
    if (closestElement(event.target, 'a')) event.preventDefault();
  };
  root.addEventListener('click', onClick);
  root.addEventListener('auxclick', onAuxClick);
  return () => {
    root.removeEventListener('click', onClick);
    root.removeEventListener('auxclick', onAuxClick);
  };
}

function runCodeAction(actionButton: Element, handlers: ContentActionHandlers): void {
  const code = codeOfBlock(actionButton);
  if (code === undefined) return;
  const action = actionButton.getAttribute(CODE_ACTION_ATTRIBUTE);
  if (action === 'copy') {
    handlers.copyText(code);
    flashLabel(actionButton, 'Copied');
  } else if (action === 'insert' && handlers.insertCode) {
    handlers.insertCode(code);
  }
}

function flashLabel(target: Element, label: string): void {
  const original = target.textContent;
  target.textContent = label;
  target.ownerDocument.defaultView?.setTimeout(() => {
    target.textContent = original;
  }, FEEDBACK_MS);
}
