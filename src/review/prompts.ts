// Per-request user messages. The code itself is NOT in here: it lives in the shared system block so
// that every expert's prompt prefix is byte-identical and read from the prompt cache.
import type { ExpertDefinition } from './experts/types';
import { SEVERITIES, type ExpertResult, type Finding } from './findings/types';

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function unescapeAttr(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** JSON that cannot close the surrounding tag early (`<` is escaped, the JSON stays equivalent). */
function embeddedJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c');
}

const FINDING_SHAPE =
  '{"file": "src/example.ts", "startLine": 12, "endLine": 14, "severity": "high", "title": "…", "explanation": "…", ' +
  '"suggestedFix": {"replacement": "…", "startLine": 12, "endLine": 12} or null}';

const EXPERT_RULES = [
  'How to answer:',
  '- Report problems only in the files of the numbered listings in the system prompt. Use each path exactly as written in its <file path="…"> tag.',
  '- startLine and endLine are the numbers printed at the start of the listing lines (before the "|"). Cite the smallest range that shows the problem, and only lines that are shown.',
  `- severity is one of ${SEVERITIES.join(', ')}, following your severity guidance.`,
  '- title: one line naming the problem. explanation: what is wrong, what input or sequence triggers it and why it matters; concise Markdown.',
  '- suggestedFix: when the fix is a small local change, the replacement text for whole lines startLine..endLine of the same file, without the line-number prefixes and keeping the indentation; otherwise null.',
  '- Prefer a few high-signal findings to many weak ones. If nothing in your area is worth reporting, return an empty findings list; do not pad it.',
  '- summary: two or three sentences on the code from your angle.',
  "- suppressedByRules: when the system prompt holds the project's rules (<project-rules>), the findings you left out because a rules file explicitly allows the code, counted per rules file; otherwise null.",
  '',
  `Reply with one JSON object and nothing else: {"summary": "…", "findings": [${FINDING_SHAPE}], "suppressedByRules": [{"file": "REVIEW.md", "count": 1}] or null}`,
].join('\n');

/** The user message for one expert; its instructions are here, not in the shared system block. */
export function expertPrompt(expert: ExpertDefinition): string {
  return [
    `<review-request expert-id="${escapeAttr(expert.id)}" expert-name="${escapeAttr(expert.name)}">`,
    `You are the ${expert.name} expert on a panel of code reviewers working in parallel. ` +
      'Review the code under review in the system prompt from your specialist angle only; other experts cover the other angles.',
    '',
    '<expert-instructions>',
    expert.instructions.trim(),
    '</expert-instructions>',
    '',
    EXPERT_RULES,
    '</review-request>',
  ].join('\n');
}

/** The expert a prompt built by expertPrompt is for, or undefined for any other text. */
export function parseExpertPromptHeader(text: string): { id: string; name: string } | undefined {
  const m = /<review-request expert-id="([^"]*)" expert-name="([^"]*)">/.exec(text);
  return m ? { id: unescapeAttr(m[1]!), name: unescapeAttr(m[2]!) } : undefined;
}

/** What each expert said, as the synthesis sees it (ids and raw text are left out). */
export interface SynthesisInputEntry {
  expert: string;
  summary?: string;
  findings?: Array<Omit<Finding, 'id' | 'experts' | 'suggestedFix'> & { suggestedFix: Finding['suggestedFix'] | null }>;
  error?: string;
}

function synthesisInput(results: readonly ExpertResult[]): SynthesisInputEntry[] {
  return results.map((r) => {
    if (r.error && r.findings.length === 0) return { expert: r.expertName, error: r.error };
    return {
      expert: r.expertName,
      summary: r.summary,
      findings: r.findings.map((f) => ({
        file: f.file,
        startLine: f.startLine,
        endLine: f.endLine,
        severity: f.severity,
        title: f.title,
        explanation: f.explanation,
        suggestedFix: f.suggestedFix ?? null,
      })),
    };
  });
}

const SYNTHESIS_RULES = [
  'Produce one merged, prioritised list:',
  '- Merge findings that describe the same problem (same file, overlapping lines, same underlying cause) into one, and list every expert who raised it in "experts", using the expert names exactly as given.',
  '- Keep file paths and line numbers as given; you may widen a range to cover merged findings. Do not add findings about code that is not shown.',
  '- Where experts disagree on severity, take the best-argued case. Drop a finding only if it duplicates another or is clearly wrong given the code in the system prompt.',
  '- Order findings by severity, most severe first. Keep a suggestedFix when it is still valid, otherwise null.',
  '- summary: three to five sentences on the overall state of the code, most important issues first. If an expert failed, say so; do not guess what it would have found.',
  '',
  `Reply with one JSON object and nothing else: {"summary": "…", "findings": [${FINDING_SHAPE.replace(/}$/, ', "experts": ["Security", "Correctness"]}')}]}`,
].join('\n');

/** The synthesis request: merge duplicates, prioritise, keep who raised what. */
export function synthesisPrompt(expertResults: readonly ExpertResult[]): string {
  return [
    '<synthesis-request>',
    'You are the lead reviewer. Several expert reviewers examined the code under review in the system prompt independently. ' +
      'Their findings follow as JSON.',
    '',
    '<expert-findings>',
    embeddedJson(synthesisInput(expertResults)),
    '</expert-findings>',
    '',
    SYNTHESIS_RULES,
    '</synthesis-request>',
  ].join('\n');
}

/** The expert findings embedded in a synthesisPrompt text, or undefined for any other text. */
export function readSynthesisPromptInput(text: string): SynthesisInputEntry[] | undefined {
  const m = /<synthesis-request>[\s\S]*?<expert-findings>\n([\s\S]*?)\n<\/expert-findings>/.exec(text);
  if (!m) return undefined;
  try {
    const value: unknown = JSON.parse(m[1]!);
    return Array.isArray(value) ? (value as SynthesisInputEntry[]) : undefined;
  } catch {
    return undefined;
  }
}
