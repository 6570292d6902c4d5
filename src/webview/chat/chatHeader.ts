// Names the file the thread is about (or explains how to start one), with "New thread".
import type { ChatWebviewMessage } from '../../shared/protocol';
import { simulatedBadge } from '../lib/badges';
import { button, el } from '../lib/dom';

export class ChatHeader {
  readonly element: HTMLElement;
  readonly emptyState: HTMLElement;
  private readonly file: HTMLElement;
  private readonly fileRow: HTMLElement;
  private readonly badge: HTMLElement;

  constructor(doc: Document, post: (message: ChatWebviewMessage) => void) {
    this.file = el(doc, 'span', { className: 'thread-file', testId: 'chat-thread-file' });
    this.fileRow = el(
      doc,
      'div',
      { className: 'thread-file-row', hidden: true },
      el(doc, 'span', { className: 'thread-label', text: 'Thread about ' }),
      this.file,
    );
    this.badge = simulatedBadge(doc);
    this.emptyState = el(doc, 'p', {
      className: 'placeholder chat-empty',
      testId: 'chat-empty',
      text: 'No file is selected. Open a file in the editor, or choose “Ask follow-up” on a review finding, to start a thread about it.',
    });
    this.element = el(
      doc,
      'header',
      { className: 'chat-header' },
      this.fileRow,
      this.badge,
      button(doc, {
        label: 'New thread',
        testId: 'chat-new-thread',
        ariaLabel: 'Start a new thread for this file',
        className: 'button secondary',
        onClick: () => post({ type: 'newThread' }),
      }),
    );
  }

  show(fileLabel: string | undefined, simulated: boolean): void {
    this.file.textContent = fileLabel ?? '';
    this.fileRow.hidden = fileLabel === undefined;
    this.emptyState.hidden = fileLabel !== undefined;
    this.badge.hidden = !simulated;
  }
}
