// The one message protocol between the extension host and its webviews. Both sides import these
// types; the host validates every incoming message with `parseWebviewMessage` before acting on it.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export type RunStatus = 'queued' | 'waiting' | 'streaming' | 'done' | 'failed' | 'cancelled';

export interface UsageView {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

export interface CostView {
  usage: UsageView;
  /** Pre-formatted, e.g. "$0.0123" or "unknown". */
  cost: string;
  /** What caching saved, pre-formatted ("$0.0400"), or undefined when unknown. */
  saved?: string;
}

/** A streamed section (an expert, a subtask, the synthesis or integration step). */
export interface SectionUpdate {
  id: string;
  status?: RunStatus;
  /** Text that arrived since the last update (appended, never replaced). */
  append?: string;
  /** Replaces the section's text (used on restore). */
  text?: string;
  elapsedMs?: number;
  outputTokens?: number;
  /** Why it failed, or a retry notice ("rate limited, retrying in 2 s"). */
  note?: string;
}

export interface FindingView {
  id: string;
  file: string;
  startLine: number;
  endLine: number;
  severity: Severity;
  title: string;
  explanation: string;
  experts: string[];
  hasFix: boolean;
}

export interface ExclusionView {
  path: string;
  reason: string;
  detail?: string;
}

export interface SectionInfo {
  id: string;
  title: string;
}

// ── Review panel ────────────────────────────────────────────────────────────
/**
 * A review section's text is the expert's answer as streamed (structured-output JSON, or plain text):
 * the host sends what was appended, and the webview turns the partial JSON into Markdown as it renders.
 */
export type ReviewHostMessage =
  | { type: 'review/init'; reviewId: string; title: string; targets: string[]; sections: SectionInfo[]; excluded: ExclusionView[]; simulated: boolean; startedAt: string }
  | { type: 'review/update'; updates: SectionUpdate[] }
  | { type: 'review/findings'; findings: FindingView[]; dropped: number }
  | { type: 'review/cost'; cost: CostView }
  | { type: 'review/done'; status: 'completed' | 'cancelled' | 'failed'; message?: string };

export type ReviewWebviewMessage =
  | { type: 'ready' }
  | { type: 'openFinding'; findingId: string }
  | { type: 'applyFix'; findingId: string }
  | { type: 'askFollowUp'; findingId?: string }
  | { type: 'export' }
  | { type: 'cancel' }
  | { type: 'openLink'; href: string }
  | { type: 'copyText'; text: string };

// ── Follow-up chat view ─────────────────────────────────────────────────────
export interface ChatTurnView {
  role: 'user' | 'assistant';
  text: string;
  status?: 'streaming' | 'completed' | 'interrupted' | 'failed';
  note?: string;
}

export type ChatHostMessage =
  | { type: 'chat/thread'; threadKey: string | undefined; fileLabel: string | undefined; turns: ChatTurnView[]; notice?: string; simulated: boolean }
  | { type: 'chat/append'; text: string }
  | { type: 'chat/turnDone'; status: 'completed' | 'interrupted' | 'failed'; note?: string }
  | { type: 'chat/busy'; busy: boolean }
  | { type: 'chat/notice'; notice: string | undefined };

export type ChatWebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'newThread' }
  | { type: 'insertCode'; code: string }
  | { type: 'copyText'; text: string }
  | { type: 'openLink'; href: string };

// ── Delegation panel ────────────────────────────────────────────────────────
export type DelegateHostMessage =
  | { type: 'delegate/init'; task: string; sections: SectionInfo[]; simulated: boolean }
  | { type: 'delegate/update'; updates: SectionUpdate[] }
  | { type: 'delegate/cost'; cost: CostView }
  | { type: 'delegate/done'; status: 'completed' | 'cancelled' | 'failed'; message?: string };

export type DelegateWebviewMessage =
  | { type: 'ready' }
  | { type: 'cancel' }
  | { type: 'openResult' }
  | { type: 'openLink'; href: string }
  | { type: 'copyText'; text: string };

/** The ids of the two special sections. */
export const SYNTHESIS_SECTION = 'synthesis';
export const INTEGRATION_SECTION = 'integration';

// ── Validation of what webviews send (they render model output: treat them as untrusted) ──
type Shape = Record<string, 'string' | 'string?'>;

const REVIEW_SHAPES: Record<ReviewWebviewMessage['type'], Shape> = {
  ready: {},
  openFinding: { findingId: 'string' },
  applyFix: { findingId: 'string' },
  askFollowUp: { findingId: 'string?' },
  export: {},
  cancel: {},
  openLink: { href: 'string' },
  copyText: { text: 'string' },
};

const CHAT_SHAPES: Record<ChatWebviewMessage['type'], Shape> = {
  ready: {},
  send: { text: 'string' },
  stop: {},
  newThread: {},
  insertCode: { code: 'string' },
  copyText: { text: 'string' },
  openLink: { href: 'string' },
};

const DELEGATE_SHAPES: Record<DelegateWebviewMessage['type'], Shape> = {
  ready: {},
  cancel: {},
  openResult: {},
  openLink: { href: 'string' },
  copyText: { text: 'string' },
};

const MAX_STRING = 200_000;

function matches(value: unknown, shapes: Record<string, Shape>): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  const type = record['type'];
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(shapes, type)) return false;
  const shape = shapes[type]!;
  for (const key of Object.keys(record)) if (key !== 'type' && !Object.prototype.hasOwnProperty.call(shape, key)) return false;
  return Object.entries(shape).every(([key, kind]) => {
    const v = record[key];
    if (v === undefined) return kind === 'string?';
    return typeof v === 'string' && v.length <= MAX_STRING;
  });
}

export function parseReviewMessage(value: unknown): ReviewWebviewMessage | undefined {
  return matches(value, REVIEW_SHAPES) ? (value as ReviewWebviewMessage) : undefined;
}
export function parseChatMessage(value: unknown): ChatWebviewMessage | undefined {
  return matches(value, CHAT_SHAPES) ? (value as ChatWebviewMessage) : undefined;
}
export function parseDelegateMessage(value: unknown): DelegateWebviewMessage | undefined {
  return matches(value, DELEGATE_SHAPES) ? (value as DelegateWebviewMessage) : undefined;
}

/** Only web links may be opened from a webview, and only through the editor. */
export function isSafeLink(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}
