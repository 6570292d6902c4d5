// The message box: Enter sends, Shift+Enter adds a line, Escape stops the answer being streamed.
import { button, el, uniqueDomId } from '../lib/dom';

export interface ComposerHandlers {
  send(text: string): void;
  stop(): void;
  draftChanged(draft: string): void;
}

export class Composer {
  readonly element: HTMLFormElement;
  readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private busy = false;

  constructor(
    doc: Document,
    private readonly handlers: ComposerHandlers,
  ) {
    const inputId = uniqueDomId('chat-input');
    this.input = el(doc, 'textarea', {
      className: 'chat-input',
      testId: 'chat-input',
      attrs: { id: inputId, rows: '3', placeholder: 'Ask a follow-up (Enter to send, Shift+Enter for a new line)' },
    });
    this.sendButton = el(doc, 'button', {
      className: 'button',
      testId: 'chat-send',
      text: 'Send',
      attrs: { type: 'submit', 'aria-label': 'Send message' },
    });
    this.stopButton = button(doc, {
      label: 'Stop',
      testId: 'chat-stop',
      ariaLabel: 'Stop the answer (Escape)',
      className: 'button secondary',
      hidden: true,
      onClick: () => this.handlers.stop(),
    });
    this.element = el(
      doc,
      'form',
      { className: 'composer', testId: 'chat-form' },
      el(doc, 'label', { className: 'visually-hidden', text: 'Message', attrs: { for: inputId } }),
      this.input,
      el(doc, 'div', { className: 'composer-actions' }, this.sendButton, this.stopButton),
    );
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      this.trySend();
    });
    this.input.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.input.addEventListener('input', () => this.handlers.draftChanged(this.input.value));
  }

  setBusy(busy: boolean): void {
    this.busy = busy;
    this.sendButton.hidden = busy;
    this.stopButton.hidden = !busy;
  }

  setDraft(draft: string): void {
    this.input.value = draft;
  }

  private onKeyDown(event: KeyboardEvent): void {
    // Enter while composing (IME) confirms the composition, it does not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.trySend();
    } else if (event.key === 'Escape' && this.busy) {
      event.preventDefault();
      this.handlers.stop();
    }
  }

  private trySend(): void {
    const text = this.input.value.trim();
    if (this.busy || text === '') return;
    this.handlers.send(text);
    this.input.value = '';
    this.handlers.draftChanged('');
  }
}
