// Merging without a model, for when synthesis is off or fails: findings on the same file whose lines
// overlap and whose titles say roughly the same thing become one finding credited to every expert,
// with their agreement counted and their confidences combined.
import { assignIds } from './findingId';
import { severityRank, sortFindings } from './sortFindings';
import type { ExpertResult, Finding, MergedFindings } from './types';

const STOP_WORDS = new Set(
  'a an the of in on to for and or is are be with without by from at this that it its via use using'.split(' '),
);

function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
      .map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w)),
  );
}

/** Dice coefficient of the titles' significant words ≥ 0.5, or one title containing the other. */
export function similarTitles(a: string, b: string): boolean {
  const la = a.toLowerCase().trim();
  const lb = b.toLowerCase().trim();
  if (la === lb || (la.length >= 8 && lb.includes(la)) || (lb.length >= 8 && la.includes(lb))) return true;
  const wa = titleWords(a);
  const wb = titleWords(b);
  if (wa.size === 0 || wb.size === 0) return false;
  let shared = 0;
  for (const w of wa) if (wb.has(w)) shared++;
  return (2 * shared) / (wa.size + wb.size) >= 0.5;
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.file === b.file && a.startLine <= b.endLine && b.startLine <= a.endLine;
}

type Group = { members: Finding[] };

/**
 * Independent experts agreeing make a finding likelier: the chance that all of them are wrong is the
 * product of each one's doubt (a noisy-OR), so 70 and 70 give 91. Each expert counts once, with its
 * highest score; findings without a score add nothing. Undefined when no member was scored.
 */
export function combinedConfidence(members: readonly Finding[]): number | undefined {
  const byExpert = new Map<string, number>();
  members.forEach((m, i) => {
    if (m.confidence === undefined) return;
    const who = m.experts.join(', ') || `#${i}`;
    byExpert.set(who, Math.max(byExpert.get(who) ?? 0, m.confidence));
  });
  if (byExpert.size === 0) return undefined;
  const doubt = [...byExpert.values()].reduce((d, c) => d * (1 - c / 100), 1);
  return Math.round(100 * (1 - doubt));
}

function combine(group: Group): Omit<Finding, 'id'> {
  // The most severe member leads: its title, severity and fix; the others' explanations follow.
  const members = [...group.members].sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
  const lead = members[0]!;
  const experts = [...new Set(group.members.flatMap((m) => m.experts))];
  const others = members
    .slice(1)
    .filter((m) => m.explanation !== '' && m.explanation !== lead.explanation)
    .map((m) => `**${m.experts.join(', ')}:** ${m.explanation}`);
  const merged: Omit<Finding, 'id'> = {
    file: lead.file,
    startLine: Math.min(...members.map((m) => m.startLine)),
    endLine: Math.max(...members.map((m) => m.endLine)),
    severity: lead.severity,
    title: lead.title,
    explanation: [lead.explanation, ...others].filter((e) => e !== '').join('\n\n'),
    experts,
  };
  const fix = members.find((m) => m.suggestedFix)?.suggestedFix;
  if (fix) merged.suggestedFix = fix;
  const kind = members.find((m) => m.kind)?.kind;
  if (kind) merged.kind = kind;
  // The quote of the most severe member whose quote held up (all are re-checked on the merged lines).
  const quoted = members.filter((m) => m.evidence !== undefined);
  const evidence = (quoted.find((m) => m.evidenceCheck?.verdict !== 'unsupported') ?? quoted[0])?.evidence;
  if (evidence !== undefined) merged.evidence = evidence;
  const rule = members.find((m) => m.rule)?.rule;
  if (rule) merged.rule = rule;
  // Pre-existing only when every member says so: one expert tying it to the change keeps it in view.
  if (members.every((m) => m.preExisting)) merged.preExisting = true;
  const confidence = combinedConfidence(members);
  if (confidence !== undefined) merged.confidence = confidence;
  if (experts.length) merged.agreement = experts.length;
  return merged;
}

export function fallbackMerge(results: readonly ExpertResult[]): MergedFindings {
  const groups: Group[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      const group = groups.find((g) =>
        g.members.some((m) => overlaps(m, finding) && similarTitles(m.title, finding.title)),
      );
      if (group) group.members.push(finding);
      else groups.push({ members: [finding] });
    }
  }
  const findings = assignIds(sortFindings(groups.map(combine)));
  const summary = results
    .filter((r) => r.summary.trim() !== '')
    .map((r) => `**${r.expertName}:** ${r.summary.trim()}`)
    .join('\n\n');
  return { summary, findings };
}
