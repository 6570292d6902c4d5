// The one message protocol between the extension host and its webviews. Both sides import these
// types; the host validates every incoming message with `parseWebviewMessage` before acting on it.
// Domain types come from the domain (type-only, so nothing of it reaches a webview bundle).
import type { RunStatus, Severity } from '../review';

export type { RunStatus, Severity };

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
  /** What was estimated before the run, "≈ $0.03–0.09", shown beside what it cost. */
  estimate?: string;
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
  /** The expert's live tokens, cost and cache status (the latest wins within a batch). */
  cost?: LaneCostView;
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
  /** Its suggested fix was applied. */
  resolved?: boolean;
  /** 0-100, when the experts or the judge scored it. */
  confidence?: number;
  /** How many experts raised it. */
  agreement?: number;
  verification?: { verdict: 'confirmed' | 'refuted' | 'unverified'; reason: string };
  /** Set for a finding kept out of the list by default; the panel counts these and shows them on demand. */
  hiddenBecause?: 'dismissed' | 'unsupported' | 'outsideChanges' | 'preExisting' | 'refuted' | 'lowConfidence';
  /** The code the finding quotes, and why the quote does not hold when it does not (an unsupported finding). */
  evidence?: string;
  evidenceProblem?: string;
  /** A re-review of the same target: raised for the first time, or still open from last time. */
  reviewState?: 'new' | 'open';
  /** The code it pointed at has changed since the review. */
  outdated?: boolean;
  /** An expert's finding the synthesis has not judged yet (`pending`), or never did: it failed or was cancelled (`unmerged`). */
  provisional?: 'pending' | 'unmerged';
}

/** "2 new · 3 still open · 1 fixed since the last review". */
export interface ReReviewCounts {
  new: number;
  open: number;
  fixed: number;
}

export interface ExclusionView {
  path: string;
  reason: string;
  detail?: string;
}

/** How many items were left out and why, when `excluded` holds only the first of them. */
export interface ExclusionCountsView {
  total: number;
  byReason: Array<{ reason: string; count: number }>;
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
  | {
      type: 'review/init';
      reviewId: string;
      title: string;
      targets: string[];
      sections: SectionInfo[];
      excluded: ExclusionView[];
      excludedCounts?: ExclusionCountsView;
      simulated: boolean;
      /** Where the requests went when not straight to the Anthropic API: "Google Vertex AI (global)". */
      provider?: string;
      startedAt: string;
      /** A workspace sweep's results rather than a review. */
      kind?: 'sweep';
    }
  /** Sent before `review/init`: the panel opened at once, and the review still reads the workspace. */
  | { type: 'review/gathering'; title: string; message: string }
  | { type: 'review/update'; updates: SectionUpdate[] }
  /** `dismissed`: this review's findings the user dismissed (restorable); `reReview`: counts against the last review of the same target. */
  | {
      type: 'review/findings';
      findings: FindingView[];
      dropped: number;
      dismissed?: FindingView[];
      reReview?: ReReviewCounts;
    }
  | { type: 'review/cost'; cost: CostView }
  | { type: 'review/done'; status: 'completed' | 'cancelled' | 'failed'; message?: string }
  /** Experts that have not run on the finished review and could be added: "Add expert…" shows only when some. */
  | { type: 'review/expertsLeft'; count: number }
  | { type: 'review/rules'; rules: RulesView }
  | { type: 'review/laneCost'; lane: LaneCostView };

/** The project's rules files a review read (with their tokens and the findings they suppressed) and those left out. */
export interface RulesView {
  files: Array<{ path: string; tokens: number; suppressed: number }>;
  leftOut: Array<{ path: string; detail: string }>;
  /** Suppressed findings the experts did not attribute to a listed file. */
  suppressedElsewhere: number;
  /** Nothing was read: the workspace is not trusted. */
  untrusted?: boolean;
  /** A diff review's base, where the rules were read ("the merge-base abc1234"). */
  readAt?: string;
  /** Rules files the change under review touches: reviewed as code, not applied. */
  changed?: string[];
}

/** One expert's live tokens, cost and cache status, and the run's running total (pre-formatted). */
export interface LaneCostView {
  sectionId: string;
  tokens: UsageView;
  cost: string;
  cache?: 'written' | 'read' | 'missed';
  /** With `cache: 'missed'`: the prompt was below this many tokens, the least the model caches. */
  cacheMinimum?: number;
  final: boolean;
  total: string;
  saved?: string;
}

export type ReviewWebviewMessage =
  | { type: 'ready' }
  | { type: 'openFinding'; findingId: string }
  /** Applies the finding's fix at once (Undo in the notification that says so). */
  | { type: 'applyFix'; findingId: string }
  /** Shows the fix in the refactor preview before applying it. */
  | { type: 'previewFix'; findingId: string }
  | { type: 'dismissFinding'; findingId: string }
  /** Un-dismisses a finding: it shows again here, in Problems and as a thread, and in later reviews. */
  | { type: 'restoreFinding'; findingId: string }
  | { type: 'askFollowUp'; findingId?: string }
  | { type: 'export' }
  | { type: 'cancel' }
  /** Stops one expert; the others go on. */
  | { type: 'stopExpert'; sectionId: string }
  /** Runs a failed or stopped expert again over the same (cached) code, once the review has finished. */
  | { type: 'retryExpert'; sectionId: string }
  /** Offers the experts that have not run yet and runs the picked ones over the same (cached) code. */
  | { type: 'addExpert' }
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
  | {
      type: 'chat/thread';
      threadKey: string | undefined;
      fileLabel: string | undefined;
      turns: ChatTurnView[];
      notice?: string;
      simulated: boolean;
    }
  | { type: 'chat/append'; text: string }
  | { type: 'chat/turnDone'; status: 'completed' | 'interrupted' | 'failed'; note?: string }
  | { type: 'chat/busy'; busy: boolean }
  | { type: 'chat/notice'; notice: string | undefined }
  /** Puts a prepared question into the composer and focuses it (the user edits and sends it). */
  | { type: 'chat/compose'; text: string };

export type ChatWebviewMessage =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop' }
  | { type: 'newThread' }
  | { type: 'insertCode'; code: string }
  | { type: 'copyText'; text: string }
  | { type: 'openLink'; href: string };

// ── Delegation panel ────────────────────────────────────────────────────────
/** A sub-agent's log: its tool calls (refusals marked), its proposed edits, its cost, whether it can be stopped. */
export interface AgentView {
  steps: Array<{ text: string; error?: string }>;
  proposals: string[];
  /** Pre-formatted, once it finished. */
  cost?: string;
  running: boolean;
  /** Why its work is partial ("stopped at the turn limit"). */
  partial?: string;
}

export type DelegateHostMessage =
  | { type: 'delegate/init'; task: string; sections: SectionInfo[]; simulated: boolean }
  | { type: 'delegate/agent'; id: string; agent: AgentView }
  | { type: 'delegate/changes'; summary: string; canReview: boolean }
  | { type: 'delegate/update'; updates: SectionUpdate[] }
  | { type: 'delegate/cost'; cost: CostView }
  | { type: 'delegate/done'; status: 'completed' | 'cancelled' | 'failed'; message?: string };

export type DelegateWebviewMessage =
  | { type: 'ready' }
  | { type: 'stopSubtask'; id: string }
  | { type: 'reviewChanges' }
  | { type: 'cancel' }
  | { type: 'openResult' }
  | { type: 'openLink'; href: string }
  | { type: 'copyText'; text: string };

/** The ids of the special sections. */
export const SYNTHESIS_SECTION = 'synthesis';
/** The review's verify pass (review/verify), one section with running counts. */
export const VERIFICATION_SECTION = 'verification';
export const INTEGRATION_SECTION = 'integration';

// ── Validation of what webviews send (they render model output: treat them as untrusted) ──
type Shape = Record<string, 'string' | 'string?'>;

const REVIEW_SHAPES: Record<ReviewWebviewMessage['type'], Shape> = {
  ready: {},
  openFinding: { findingId: 'string' },
  applyFix: { findingId: 'string' },
  previewFix: { findingId: 'string' },
  dismissFinding: { findingId: 'string' },
  restoreFinding: { findingId: 'string' },
  askFollowUp: { findingId: 'string?' },
  export: {},
  cancel: {},
  stopExpert: { sectionId: 'string' },
  retryExpert: { sectionId: 'string' },
  addExpert: {},
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
  stopSubtask: { id: 'string' },
  reviewChanges: {},
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
  for (const key of Object.keys(record))
    if (key !== 'type' && !Object.prototype.hasOwnProperty.call(shape, key)) return false;
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

/**
 * Where a web link from model output points. `local` covers loopback, private, link-local and
 * carrier-grade NAT addresses and names that only resolve on this machine or network (localhost,
 * *.local, single-label names): opening one could hit a service on the user's side of the firewall,
 * so the host asks first. `refused` is anything that is not http(s).
 */
export type LinkKind = 'public' | 'local' | 'refused';

export function classifyLink(href: string): LinkKind {
  if (!isSafeLink(href)) return 'refused';
  const host = new URL(href).hostname.toLowerCase().replace(/\.$/, '');
  if (host.startsWith('[')) return isLocalIpv6(host.slice(1, -1)) ? 'local' : 'public';
  const v4 = parseIpv4(host);
  if (v4) return isLocalIpv4(v4) ? 'local' : 'public';
  if (!host.includes('.')) return 'local';
  return /(^|\.)(localhost|local|localdomain|internal|lan|intranet|home\.arpa)$/.test(host) ? 'local' : 'public';
}

/** The URL parser has already turned every IPv4 spelling (hex, octal, one number) into dotted decimal. */
function parseIpv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return undefined;
  return parts.map(Number);
}

function isLocalIpv4([a = 0, b = 0]: number[]): boolean {
  return (
    a === 0 || // "this network"; 0.0.0.0 reaches the local machine
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // carrier-grade NAT
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

/** Eight 16-bit groups from the parser's canonical (compressed, lower-case, hex-only) IPv6 text. */
function ipv6Groups(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const parse = (s: string) => (s ? s.split(':').map((g) => parseInt(g, 16)) : []);
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function isLocalIpv6(text: string): boolean {
  const g = ipv6Groups(text);
  const first = g[0] ?? 0;
  if (g.slice(0, 7).every((x) => x === 0) && (g[7] === 0 || g[7] === 1)) return true; // :: and ::1
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const hi = g[6] ?? 0;
    const lo = g[7] ?? 0;
    return isLocalIpv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]); // ::ffff:a.b.c.d
  }
  return false;
}
