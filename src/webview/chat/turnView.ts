// One turn of the conversation. The user's words are shown as typed (plain text); answers are
// sanitised Markdown that re-renders at most once per frame while streaming.
import type { ChatTurnView } from '../../shared/protocol';
import { el } from '../lib/dom';
import type { FrameScheduler } from '../lib/frames';
import type { MarkdownRenderer } from '../lib/markdown';
import { StreamingMarkdown } from '../lib/streamingMarkdown';

export interface TurnViewDeps {
  doc: Document;
  renderer: MarkdownRenderer;
  frames: FrameScheduler;
  now: () => number;
  onRendered: () => void;
}

export function turnMarkerText(turn: ChatTurnView): string {
  if (turn.status === 'interrupted')
    return turn.note ? `Interrupted: ${turn.note}` : 'Interrupted — the answer above is partial';
  if (turn.status === 'failed') return turn.note ? `Failed: ${turn.note}` : 'Failed';
  return turn.note ?? '';
}

export class TurnView {
  readonly element: HTMLElement;
  private readonly marker: HTMLElement;
  private readonly body: HTMLElement;
  private readonly markdown: StreamingMarkdown | undefined;

  constructor(
    private turn: ChatTurnView,
    deps: TurnViewDeps,
  ) {
    const { doc } = deps;
    const isUser = turn.role === 'user';
    this.body = el(doc, 'div', {
      className: isUser ? 'turn-text plain' : 'turn-text markdown',
      testId: 'chat-turn-text',
    });
    this.marker = el(doc, 'p', { className: 'turn-marker', testId: 'chat-turn-marker', hidden: true });
    this.element = el(
      doc,
      'li',
      { className: `chat-turn role-${turn.role}`, testId: 'chat-turn', attrs: { 'data-role': turn.role } },
      el(doc, 'div', { className: 'turn-role', text: isUser ? 'You' : 'Claude' }),
      this.body,
      this.marker,
    );
    if (isUser) {
      this.body.textContent = turn.text;
    } else {
      this.markdown = new StreamingMarkdown(this.body, deps.renderer, deps.frames, {
        onRendered: deps.onRendered,
        now: deps.now,
      });
      this.markdown.replace(turn.text);
      this.markdown.renderNow();
    }
    this.renderStatus();
  }

  append(text: string): void {
    this.markdown?.append(text);
  }

  /** Call after the turn object's status or note changed. */
  update(turn: ChatTurnView): void {
    this.turn = turn;
    if (turn.status !== 'streaming') this.markdown?.renderNow();
    this.renderStatus();
  }

  dispose(): void {
    this.markdown?.dispose();
  }

  private renderStatus(): void {
    const status = this.turn.status ?? 'completed';
    this.element.dataset['status'] = status;
    this.body.setAttribute('aria-busy', String(status === 'streaming'));
    const marker = turnMarkerText(this.turn);
    this.marker.textContent = marker;
    this.marker.hidden = marker === '';
    this.marker.classList.toggle('is-error', status === 'failed');
  }
}
