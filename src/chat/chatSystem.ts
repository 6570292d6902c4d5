// The chat's system block: instructions, the file's numbered text and, when known, the latest review
// findings for that file. It is cached, so it must be byte-identical from turn to turn while the
// file is unchanged: nothing here may depend on the time or on the order of a Map.
import { redactSecrets } from '../policy';
import type { ReviewedCode } from '../review';
import type { FileContext } from './fileContext';

/** What the chat needs of a review finding (the review domain's Finding fits this shape). */
export interface ChatFinding {
  startLine: number;
  endLine: number;
  severity: string;
  title: string;
  explanation: string;
  experts?: string[];
}

const INSTRUCTIONS = [
  'You are an experienced software engineer answering follow-up questions in a chat panel inside VS Code.',
  'The conversation is about the one file the user has open; its current text (unsaved edits included) is below.',
  'Answer precisely and concisely in Markdown. When you refer to code, cite the path and the line numbers exactly as shown.',
  'When you propose code, put it in fenced code blocks with a language tag, ready to paste; show only the lines that change plus enough context to place them.',
  'If the answer depends on code that is not shown, say so instead of guessing.',
].join('\n');

const MAX_FINDINGS = 50;

/** The findings as a stable text block, most severe first (the order they are given in). */
export function formatFindings(path: string, findings: readonly ChatFinding[]): string {
  if (findings.length === 0) return '';
  const shown = findings.slice(0, MAX_FINDINGS);
  const lines = shown.map((f) => {
    const range = f.startLine === f.endLine ? `line ${f.startLine}` : `lines ${f.startLine}-${f.endLine}`;
    const by = f.experts?.length ? ` (raised by ${f.experts.join(', ')})` : '';
    const explanation = f.explanation.replace(/\s+/g, ' ').trim();
    return `- [${f.severity}] ${range}: ${f.title.trim()}${by}. ${explanation}`;
  });
  const more = findings.length > shown.length ? [`(${findings.length - shown.length} more findings not listed)`] : [];
  const block = [
    `<review-findings path="${path.replace(/"/g, '&quot;')}">`,
    'Findings from the latest multi-expert review of this file. The user may ask about them; line numbers refer to the file as it was reviewed and may have moved since.',
    ...lines,
    ...more,
    '</review-findings>',
  ].join('\n');
  return redactSecrets(block);
}

export interface ChatSystemInput {
  file: FileContext;
  findings?: readonly ChatFinding[];
}

/** What a chat turn sends before the conversation: blocks shared with a review (when any), then its own. */
export interface ChatPrompt {
  /** A review's rules and code blocks, byte for byte: the turn reads the review's cache entry. */
  sharedSystem?: string[];
  system: string;
}

/** After a review, the file's text is in the review's code block, which comes first. */
const INSTRUCTIONS_AFTER_REVIEW = [
  'You are an experienced software engineer answering follow-up questions in a chat panel inside VS Code.',
  'The conversation is about the one file the user has open; its current text (unsaved edits included) is the code under review above.',
  'Answer precisely and concisely in Markdown. When you refer to code, cite the path and the line numbers exactly as shown.',
  'When you propose code, put it in fenced code blocks with a language tag, ready to paste; show only the lines that change plus enough context to place them.',
  'If the answer depends on code that is not shown, say so instead of guessing.',
].join('\n');

/**
 * The review's prefix, when the chat may reuse it: the review covered exactly this file's text (one
 * listing, the same lines, compared as data) and ran on the chat's model. Else undefined.
 */
export function reviewPrefixFor(
  file: FileContext,
  reviewed: ReviewedCode | undefined,
  model: string,
): string[] | undefined {
  if (!reviewed || !file.included || !reviewed.models.includes(model)) return undefined;
  if (reviewed.path !== file.path || reviewed.startLine !== file.startLine || reviewed.endLine !== file.endLine)
    return undefined;
  return sameLines(file.lines, reviewed.lines) ? [...reviewed.blocks] : undefined;
}

const sameLines = (a: ReadonlyMap<number, string>, b: ReadonlyMap<number, string>): boolean =>
  a.size === b.size && [...a].every(([n, text]) => b.get(n) === text);

/**
 * What one file's thread sends: after a review of the same text on the same model, the review's own
 * blocks first (a cache read, not a write) and the chat's instructions and findings after them;
 * otherwise the single block of buildChatSystem.
 */
export function buildChatPrompt(input: ChatSystemInput & { reviewed?: ReviewedCode; model: string }): ChatPrompt {
  const shared = reviewPrefixFor(input.file, input.reviewed, input.model);
  if (!shared) return { system: buildChatSystem(input) };
  const findings = input.findings?.length ? formatFindings(input.file.path, input.findings) : '';
  return { sharedSystem: shared, system: [INSTRUCTIONS_AFTER_REVIEW, ...(findings ? [findings] : [])].join('\n\n') };
}

/** The whole system block for one file's thread. */
export function buildChatSystem(input: ChatSystemInput): string {
  const { file } = input;
  const parts = [INSTRUCTIONS];
  if (file.included) {
    parts.push(file.systemText);
  } else {
    parts.push(
      `<file-not-included path="${file.path.replace(/"/g, '&quot;')}">The file's text was not sent (${file.reason}). ` +
        'Answer from the conversation alone, and say when you would need to see the code.</file-not-included>',
    );
  }
  const findings = input.findings?.length ? formatFindings(file.path, input.findings) : '';
  if (findings) parts.push(findings);
  return parts.join('\n\n');
}
