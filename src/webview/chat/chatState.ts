// The chat view's state and the pure steps that change it while an answer streams.
import type { ChatHostMessage, ChatTurnView } from '../../shared/protocol';

type ThreadMessage = Extract<ChatHostMessage, { type: 'chat/thread' }>;
export type TurnOutcome = Extract<ChatHostMessage, { type: 'chat/turnDone' }>['status'];

export interface ChatState {
  version: 1;
  threadKey?: string;
  fileLabel?: string;
  turns: ChatTurnView[];
  notice?: string;
  simulated: boolean;
  busy: boolean;
  /** What the user was typing, so hiding the view does not lose it. */
  draft: string;
}

export function emptyChatState(): ChatState {
  return { version: 1, turns: [], simulated: false, busy: false, draft: '' };
}

export function chatStateFromThread(message: ThreadMessage, previous: ChatState): ChatState {
  return {
    version: 1,
    ...(message.threadKey !== undefined ? { threadKey: message.threadKey } : {}),
    ...(message.fileLabel !== undefined ? { fileLabel: message.fileLabel } : {}),
    turns: message.turns.map((t) => ({ ...t })),
    ...(message.notice !== undefined ? { notice: message.notice } : {}),
    simulated: message.simulated,
    busy: previous.busy,
    draft: previous.draft,
  };
}

function lastStreamingAssistant(turns: ChatTurnView[]): ChatTurnView | undefined {
  const last = turns.at(-1);
  return last && last.role === 'assistant' && last.status === 'streaming' ? last : undefined;
}

/** Appends to the answer being streamed, starting one if none is. Returns the turn appended to. */
export function appendToAnswer(turns: ChatTurnView[], text: string): ChatTurnView {
  const current = lastStreamingAssistant(turns);
  if (current) {
    current.text += text;
    return current;
  }
  const started: ChatTurnView = { role: 'assistant', text, status: 'streaming' };
  turns.push(started);
  return started;
}

/** Ends the answer being streamed; a failure before any text still gets a (empty) turn to show it. */
export function finishAnswer(turns: ChatTurnView[], status: TurnOutcome, note: string | undefined): ChatTurnView {
  const turn = lastStreamingAssistant(turns) ?? appendToAnswer(turns, '');
  turn.status = status;
  if (note !== undefined) turn.note = note;
  else delete turn.note;
  return turn;
}

export function isChatState(value: unknown): value is ChatState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ChatState>;
  return v.version === 1 && Array.isArray(v.turns) && typeof v.simulated === 'boolean' && typeof v.draft === 'string';
}
