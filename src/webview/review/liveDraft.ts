// Experts answer in JSON (structured output). While an answer streams, this turns the JSON received
// so far into readable Markdown, so the user watches findings appear instead of raw JSON. It runs in
// the webview: the host sends only the appended raw text, and re-rendering happens here, per frame.
import { partialParse } from '@anthropic-ai/sdk/_vendor/partial-json-parser/parser';

interface DraftFinding {
  file?: unknown;
  startLine?: unknown;
  endLine?: unknown;
  severity?: unknown;
  title?: unknown;
  explanation?: unknown;
  experts?: unknown;
  suggestedFix?: unknown;
}

/** Parses truncated JSON, closing a string cut off mid-way so its text shows as it streams. */
function parseDraft(text: string): { summary?: unknown; findings?: unknown } | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  const body = text.slice(start);
  for (const candidate of [`${body}"`, body]) {
    try {
      const value = partialParse(candidate);
      if (value && typeof value === 'object' && !Array.isArray(value))
        return value as { summary?: unknown; findings?: unknown };
    } catch {
      // try the next candidate
    }
  }
  return undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function renderFinding(f: DraftFinding): string {
  const severity = str(f.severity).toUpperCase();
  const lines =
    typeof f.startLine === 'number'
      ? typeof f.endLine === 'number' && f.endLine !== f.startLine
        ? `L${f.startLine}–${f.endLine}`
        : `L${f.startLine}`
      : '';
  const where = [str(f.file) && `\`${str(f.file)}\``, lines].filter(Boolean).join(' ');
  const experts = Array.isArray(f.experts) ? f.experts.filter((e): e is string => typeof e === 'string') : [];
  const head = [severity && `**${severity}**`, where, str(f.title) && `— ${str(f.title)}`].filter(Boolean).join(' ');
  const tail = experts.length ? `\n\n_Raised by ${experts.join(', ')}_` : '';
  const fix = f.suggestedFix && typeof f.suggestedFix === 'object' ? '\n\n_Suggested fix available._' : '';
  return `#### ${head || '…'}\n\n${str(f.explanation)}${fix}${tail}`;
}

/** Markdown for an answer in progress (or finished); falls back to the raw text when it is not JSON. */
export function renderDraft(text: string): string {
  const draft = parseDraft(text);
  if (!draft) return text;
  const parts: string[] = [];
  if (str(draft.summary)) parts.push(str(draft.summary));
  const findings = Array.isArray(draft.findings) ? (draft.findings as DraftFinding[]) : [];
  for (const f of findings) parts.push(renderFinding(f ?? {}));
  if (Array.isArray(draft.findings) && findings.length === 0 && closesFindings(text)) parts.push('_No findings._');
  return parts.join('\n\n');
}

/**
 * Whether the answer ends with `]`, optionally `}`, and white space: the empty findings list is closed.
 * Without a regular expression: `/\]\s*}?\s*$/` split a run of spaces between its two `\s*` in every
 * way (38 s on 256 KiB of model output, re-run on every streamed update).
 */
function closesFindings(text: string): boolean {
  const trimmed = text.trimEnd();
  const inner = trimmed.endsWith('}') ? trimmed.slice(0, -1).trimEnd() : trimmed;
  return inner.endsWith(']');
}

/** Only the summary of an answer (the synthesis card: its findings are the findings list). */
export function renderSummary(text: string): string {
  const draft = parseDraft(text);
  if (!draft) return text;
  return str(draft.summary);
}

/** About four characters a token, the same estimate as the core's `estimateTokens`. */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
