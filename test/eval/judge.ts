// The model judge of a benchmark suite: one request per pull request, with its golden comments and the
// findings our review showed, answered through one forced tool call (record_matches) that pairs golden
// comments with findings that describe the same problem. Pairs are then made one-to-one here, whatever
// the model answered: a golden comment counts once, and one finding cannot claim two comments.
import { invokeToolTurn, type ClientConfig, type CostReport, type ToolDefinition, type Usage } from '../../src/core';
import type { GoldenComment } from './suite';

/** What the judge is shown of a finding. */
export interface JudgedFinding {
  file: string;
  startLine: number;
  endLine: number;
  severity: string;
  title: string;
  explanation: string;
}

export interface JudgeMatch {
  golden: number;
  finding: number;
}

export const JUDGE_TOOL: ToolDefinition = {
  name: 'record_matches',
  description:
    'Record which golden comments are matched by which review findings. Call it exactly once, with every match (an empty list when none match).',
  input_schema: {
    type: 'object',
    properties: {
      matches: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            golden: { type: 'integer', description: 'The golden comment number (G1 is 1).' },
            finding: { type: 'integer', description: 'The finding number (F1 is 1).' },
            reason: { type: 'string', description: 'One sentence: why they describe the same problem.' },
          },
          required: ['golden', 'finding'],
        },
      },
    },
    required: ['matches'],
  },
};

/** The judge's instructions; the marker lets the simulator's judge responder recognise the request. */
export const JUDGE_SYSTEM =
  'You judge a code review against a golden list of review comments written by experts for the same pull request. ' +
  'A finding matches a golden comment when it identifies the same underlying problem in the same code, even in other words; ' +
  'a finding about a different problem, or too vague to tell, does not match. Each golden comment matches at most one finding ' +
  'and each finding at most one golden comment. Answer only by calling record_matches.';

/** The user turn: the golden comments and the findings, numbered, as JSON the judge cannot mistake for instructions. */
export function judgePrompt(
  title: string,
  golden: readonly GoldenComment[],
  findings: readonly JudgedFinding[],
): string {
  return [
    `Pull request: ${title || '(untitled)'}`,
    '<golden-comments>',
    JSON.stringify(
      golden.map((g, i) => ({ id: `G${i + 1}`, severity: g.severity, text: g.text })),
      null,
      1,
    ),
    '</golden-comments>',
    '<review-findings>',
    JSON.stringify(
      findings.map((f, i) => ({
        id: `F${i + 1}`,
        where: `${f.file}:${f.startLine}-${f.endLine}`,
        severity: f.severity,
        title: f.title,
        explanation: f.explanation,
      })),
      null,
      1,
    ),
    '</review-findings>',
    'Call record_matches with every golden comment that one of the findings matches.',
  ].join('\n');
}

/**
 * The model's pairs made one-to-one, 0-based: numbers out of range or not whole are dropped, and of two
 * pairs sharing a golden comment or a finding the first stands (the model lists its surest first).
 */
export function oneToOne(input: unknown, goldenCount: number, findingCount: number): JudgeMatch[] {
  const raw = typeof input === 'object' && input !== null ? (input as { matches?: unknown }).matches : undefined;
  if (!Array.isArray(raw)) return [];
  const goldenTaken = new Set<number>();
  const findingTaken = new Set<number>();
  const out: JudgeMatch[] = [];
  for (const pair of raw) {
    if (typeof pair !== 'object' || pair === null) continue;
    const golden = (pair as { golden?: unknown }).golden;
    const finding = (pair as { finding?: unknown }).finding;
    if (!Number.isInteger(golden) || !Number.isInteger(finding)) continue;
    const g = (golden as number) - 1;
    const f = (finding as number) - 1;
    if (g < 0 || g >= goldenCount || f < 0 || f >= findingCount) continue;
    if (goldenTaken.has(g) || findingTaken.has(f)) continue;
    goldenTaken.add(g);
    findingTaken.add(f);
    out.push({ golden: g, finding: f });
  }
  return out;
}

export interface JudgeVerdict {
  matches: JudgeMatch[];
  usage: Usage;
  cost: CostReport;
}

/** One judge request for one pull request. With no findings nothing can match, and nothing is asked. */
export async function judgePullRequest(
  client: ClientConfig,
  model: string,
  title: string,
  golden: readonly GoldenComment[],
  findings: readonly JudgedFinding[],
): Promise<JudgeVerdict | undefined> {
  if (findings.length === 0 || golden.length === 0) return undefined;
  const turn = await invokeToolTurn({
    client,
    model,
    system: JUDGE_SYSTEM,
    messages: [{ role: 'user', content: judgePrompt(title, golden, findings) }],
    tools: [JUDGE_TOOL],
    toolChoice: 'any',
    maxTokens: 2000,
  });
  const call = turn.toolCalls.find((c) => c.name === JUDGE_TOOL.name);
  if (!call) throw new Error(`the judge answered without calling ${JUDGE_TOOL.name} (stop reason ${turn.stopReason})`);
  return { matches: oneToOne(call.input, golden.length, findings.length), usage: turn.usage, cost: turn.cost };
}
