// review.passes: the correctness and security experts read the code more than once, and each expert's
// passes are merged by fingerprint before the synthesis (a union, with how many passes raised each
// finding). Every pass sends the same cached system block; an extra pass differs only in its user
// message, which asks for the files in another order. So an extra pass is a cache read of the block,
// never a second cache write: a recall pass costs about a tenth of the first.
import { sumUsage } from '../core';
import type { ExpertDefinition } from './experts';
import type { ExpertRun } from './fanOut';
import { withFingerprints, type ExpertResult, type Finding, type KnownFile, type ShownLines } from './findings';

/** The most passes a review runs (review.passes, --passes). */
export const MAX_PASSES = 3;
/** The experts an extra pass repeats: the angles where a second reading finds what the first missed. */
export const REPEATED_EXPERTS: readonly string[] = ['correctness', 'security'];

/** One request of the fan-out: an expert's pass (`pass` of `of`), under its own lane. */
export interface ExpertLane {
  expert: ExpertDefinition;
  /** The lane's section id: the expert's id for its first pass, `correctness-pass2` for the next. */
  sectionId: string;
  pass: number;
  of: number;
}

export const passSectionId = (expertId: string, pass: number): string =>
  pass === 1 ? expertId : `${expertId}-pass${pass}`;

/** The passes setting as a count: a whole number from 1 to MAX_PASSES (anything else: 1). */
export function passCount(passes: number | undefined): number {
  return passes !== undefined && Number.isInteger(passes) && passes >= 1 && passes <= MAX_PASSES ? passes : 1;
}

/** Every lane of a fan-out: each expert's first pass, then the extra passes (so they read the block the first wrote). */
export function expertLanes(experts: readonly ExpertDefinition[], passes?: number): ExpertLane[] {
  const n = passCount(passes);
  const repeated = (e: ExpertDefinition) => n > 1 && REPEATED_EXPERTS.includes(e.id);
  const lanes: ExpertLane[] = experts.map((e) => ({ expert: e, sectionId: e.id, pass: 1, of: repeated(e) ? n : 1 }));
  for (let pass = 2; pass <= n; pass++)
    for (const e of experts.filter(repeated))
      lanes.push({ expert: e, sectionId: passSectionId(e.id, pass), pass, of: n });
  return lanes;
}

/** The lanes' sections (id and title), as the panel lists them. */
export const laneSections = (experts: readonly ExpertDefinition[], passes?: number) =>
  expertLanes(experts, passes).map((l) => ({
    id: l.sectionId,
    title: l.pass === 1 ? l.expert.name : `${l.expert.name} (pass ${l.pass} of ${l.of})`,
  }));

/**
 * What an extra pass adds to its expert's user message: the files in a rotated order, so the reading
 * starts elsewhere (attention is not spent the same way twice). Nothing for a first pass, whose
 * message stays as it always was.
 */
export function passNote(
  lane: Pick<ExpertLane, 'pass' | 'of'>,
  files: readonly Pick<KnownFile, 'path'>[],
): string | undefined {
  if (lane.pass === 1) return undefined;
  const paths = [...new Set(files.map((f) => f.path))];
  const shift = Math.ceil(((lane.pass - 1) * paths.length) / lane.of) % Math.max(1, paths.length);
  const order = [...paths.slice(shift), ...paths.slice(0, shift)];
  return (
    `Pass ${lane.pass} of ${lane.of}: an independent reading of the same code. Read the files in this order: ${order.join(', ')}. ` +
    'Report every problem you find on this reading, as if no other pass had run.'
  );
}

/**
 * Each expert's passes as one run: the union of their findings by fingerprint, each with
 * `passes: {raised, of}` (of: the passes that answered), usage summed. `runs[i]` is `lanes[i]`'s run;
 * an expert with one pass keeps its run as it is. In the order of the experts' first lanes.
 */
export function mergePassRuns(
  lanes: readonly ExpertLane[],
  runs: readonly ExpertRun[],
  listing: ShownLines,
): ExpertRun[] {
  const byExpert = new Map<string, ExpertRun[]>();
  lanes.forEach((lane, i) => byExpert.set(lane.expert.id, [...(byExpert.get(lane.expert.id) ?? []), runs[i]!]));
  return [...byExpert.values()].map((passes) => {
    if (passes.length === 1) return passes[0]!;
    const usage = sumUsage(passes.map((p) => p.usage));
    const elapsedMs = Math.max(...passes.map((p) => p.elapsedMs));
    const answered = passes.filter((p) => p.status === 'completed' && !p.result.error);
    if (!answered.length) return { ...passes[0]!, usage, elapsedMs };
    return {
      expert: answered[0]!.expert,
      status: 'completed',
      result: unionOfPasses(
        answered.map((p) => p.result),
        listing,
      ),
      usage,
      elapsedMs,
    };
  });
}

function unionOfPasses(answered: readonly ExpertResult[], listing: ShownLines): ExpertResult {
  const union = new Map<string, Finding>();
  const raised = new Map<string, number>();
  for (const result of answered) {
    // Fingerprints from the code each finding cites: the same problem on the same code is one finding.
    const seen = new Set<string>();
    for (const f of withFingerprints(result.findings, listing)) {
      const key = f.id.replace(/-\d+$/, '');
      if (seen.has(key)) continue;
      seen.add(key);
      raised.set(key, (raised.get(key) ?? 0) + 1);
      if (!union.has(key)) union.set(key, f);
    }
  }
  const first = answered[0]!;
  const omitted = Math.max(0, ...answered.map((p) => p.omitted ?? 0));
  return {
    ...first,
    findings: [...union].map(([key, f]) => ({ ...f, passes: { raised: raised.get(key)!, of: answered.length } })),
    rawText: answered.map((p, i) => `(pass ${i + 1} of ${answered.length})\n${p.rawText}`).join('\n\n'),
    dropped: answered.flatMap((p) => p.dropped ?? []),
    ...(omitted && { omitted }),
  };
}
