// The simulator's stand-in for a benchmark judge (test/eval/judge.ts): a request whose system text is
// the judge's is answered with one record_matches call, pairing a golden comment with the first finding
// not yet taken that shares at least JUDGE_SHARED_WORDS distinctive words with it. A rule, not a model:
// enough to run the suite adapter end to end offline; its figures mean nothing about quality.
import { JUDGE_SYSTEM, JUDGE_TOOL } from '../eval/judge';
import { lastUserText, systemText } from './demoResponder';
import type { Responder, SimRequest } from './simulator/types';

export const JUDGE_SHARED_WORDS = 2;

const STOPWORDS = new Set([
  'this',
  'that',
  'with',
  'from',
  'when',
  'into',
  'than',
  'then',
  'they',
  'their',
  'there',
  'which',
  'while',
  'would',
  'could',
  'should',
  'does',
  'have',
  'been',
  'were',
  'will',
  'what',
  'only',
  'also',
  'each',
  'line',
  'code',
  'here',
]);

const words = (text: string): Set<string> =>
  new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9_]+/)
      .filter((w) => w.length >= 4 && !STOPWORDS.has(w)),
  );

/** The JSON between <tag> and </tag> in the judge's prompt. */
function section(prompt: string, tag: string): Array<Record<string, unknown>> {
  const match = new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`).exec(prompt);
  try {
    const parsed: unknown = match ? JSON.parse(match[1]!) : [];
    return Array.isArray(parsed) ? (parsed as Array<Record<string, unknown>>) : [];
  } catch {
    return [];
  }
}

export function judgeMatches(prompt: string): Array<{ golden: number; finding: number; reason: string }> {
  const golden = section(prompt, 'golden-comments');
  const findings = section(prompt, 'review-findings').map((f) =>
    words(`${String(f['title'])} ${String(f['explanation'])}`),
  );
  const taken = new Set<number>();
  const matches: Array<{ golden: number; finding: number; reason: string }> = [];
  golden.forEach((g, gi) => {
    const wanted = words(String(g['text']));
    const fi = findings.findIndex(
      (f, i) => !taken.has(i) && [...wanted].filter((w) => f.has(w)).length >= JUDGE_SHARED_WORDS,
    );
    if (fi < 0) return;
    taken.add(fi);
    matches.push({ golden: gi + 1, finding: fi + 1, reason: 'they share the words that name the problem' });
  });
  return matches;
}

export const judgeResponder: Responder = (req: SimRequest) => {
  if (!systemText(req).includes(JUDGE_SYSTEM)) return undefined;
  return { text: '', toolUses: [{ name: JUDGE_TOOL.name, input: { matches: judgeMatches(lastUserText(req)) } }] };
};
