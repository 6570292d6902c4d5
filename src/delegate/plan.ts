// Planning a delegation: ask the model to split a task into independent subtasks (structured
// output), then read its answer defensively. Pure: no `vscode` import.
import type Anthropic from '@anthropic-ai/sdk';
import {
  findJson,
  invokeClaude,
  type ClaudeResult,
  type ClientConfig,
  type JsonSchemaOutput,
  type Logger,
  type PriceTable,
  type RetryPolicy,
  type SystemInput,
} from '../core';
import { contextSystem } from './prompts';
import type { Subtask } from './subtask';

export type { Subtask };

/** The structured-output schema of the planner's answer. */
export const PLAN_SCHEMA: Record<string, unknown> = {
  type: 'object',
  additionalProperties: false,
  required: ['subtasks'],
  properties: {
    subtasks: {
      type: 'array',
      description: 'Independent subtasks that separate agents can carry out in parallel.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'instructions'],
        properties: {
          title: { type: 'string', description: 'A short label, at most six words.' },
          instructions: { type: 'string', description: 'Self-contained instructions: what to do and what to deliver.' },
        },
      },
    },
  },
};

/** At most this many subtasks: twice the concurrency, so a plan runs in about two waves. */
export function maxSubtasksFor(maxConcurrency: number): number {
  const workers = Math.min(10, Math.max(1, Math.round(maxConcurrency)));
  return workers * 2;
}

const PLANNER_ROLE = [
  'You are the planner of a team of AI agents that work in parallel on a software task.',
  'You split the task into independent subtasks; you do not carry them out yourself.',
].join('\n');

export interface PlanRequest {
  system: SystemInput;
  prompt: string;
  outputFormat: JsonSchemaOutput;
}

/** The planner call's system, prompt and output format. */
export function buildPlanRequest(input: {
  task: string;
  contextText?: string;
  maxSubtasks: number;
  model: string;
}): PlanRequest {
  const n = input.maxSubtasks;
  const hasContext = Boolean(input.contextText);
  const prompt = [
    '<task>',
    input.task.trim(),
    '</task>',
    '',
    `Split this task into at most ${n} independent subtasks that separate agents will carry out at the same time.`,
    '- Each agent sees the task, its own subtask' +
      (hasContext ? ' and the code above' : '') +
      ", but never another agent's work.",
    '- So every subtask must be self-contained: its instructions say exactly what to do and what to deliver, repeating any detail from the task it needs.',
    '- No subtask may depend on the result of another. Do not add a subtask that combines, reviews or summarises the others: a separate step integrates the results afterwards.',
    `- Use as few subtasks as the task really needs (one is fine for a small task); never more than ${n}.`,
    '- title: a short label of at most six words, unique within the plan. instructions: a few sentences.',
    '',
    'Answer only with JSON of this shape: {"subtasks": [{"title": "…", "instructions": "…"}]}',
  ].join('\n');
  return {
    system: contextSystem(input.contextText, PLANNER_ROLE, input.model),
    prompt,
    outputFormat: { type: 'json_schema', schema: PLAN_SCHEMA },
  };
}

export interface ParsedPlan {
  subtasks: Subtask[];
  /** What was changed in the plan (dropped, renamed, truncated), in words for the user. */
  notes: string[];
  /** Set when no plan could be read at all (subtasks is then empty). */
  error?: string;
}

const MAX_TITLE = 80;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The list of raw subtasks in a parsed value: {subtasks: [...]}, {plan: [...]}, {tasks: [...]} or a bare list. */
function rawSubtasks(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value.every(isRecord) && value.length > 0 ? value : undefined;
  if (!isRecord(value)) return undefined;
  for (const key of ['subtasks', 'tasks', 'plan']) {
    if (Array.isArray(value[key])) return value[key] as unknown[];
  }
  return undefined;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Reads a plan from the planner's answer, whether it is bare JSON or wrapped in code fences or
 * prose. Drops empty and duplicate subtasks, makes titles unique, and keeps at most `max`.
 */
export function parsePlan(text: string, max: number): ParsedPlan {
  let raw: unknown[] | undefined;
  const found = findJson(text, (value) => (raw = rawSubtasks(value)) !== undefined);
  const sawJson = 'sawJson' in found ? found.sawJson : true;
  if (!raw) {
    return {
      subtasks: [],
      notes: [],
      error: sawJson
        ? 'The planner answered with JSON but without a list of subtasks.'
        : "The planner's answer contained no JSON plan.",
    };
  }

  const notes: string[] = [];
  let empty = 0;
  let duplicates = 0;
  const seen = new Set<string>();
  const kept: Array<{ title: string; instructions: string }> = [];
  for (const item of raw) {
    const record = isRecord(item) ? item : typeof item === 'string' ? { instructions: item } : {};
    const instructions = (
      str(record['instructions']) ||
      str(record['description']) ||
      str(record['prompt']) ||
      str(record['task'])
    ).trim();
    if (!instructions) {
      empty++;
      continue;
    }
    const identity = squash(instructions).toLowerCase();
    if (seen.has(identity)) {
      duplicates++;
      continue;
    }
    seen.add(identity);
    kept.push({ title: squash(str(record['title']) || str(record['name'])), instructions });
  }
  if (empty) notes.push(`Dropped ${empty} empty subtask${empty === 1 ? '' : 's'}.`);
  if (duplicates) notes.push(`Dropped ${duplicates} duplicate subtask${duplicates === 1 ? '' : 's'}.`);
  const limit = Math.max(1, Math.floor(max));
  if (kept.length > limit) {
    notes.push(
      `The planner proposed ${kept.length} subtasks; only the first ${limit} are kept (the limit is twice maxConcurrency).`,
    );
    kept.length = limit;
  }
  if (kept.length === 0) return { subtasks: [], notes, error: "The planner's plan contained no usable subtask." };

  const titles = new Set<string>();
  const subtasks = kept.map((s, i): Subtask => {
    let title = s.title || titleFrom(s.instructions);
    if (title.length > MAX_TITLE) title = `${title.slice(0, MAX_TITLE - 1).trimEnd()}…`;
    const base = title;
    for (let k = 2; titles.has(title.toLowerCase()); k++) title = `${base} (${k})`;
    titles.add(title.toLowerCase());
    return { id: `subtask-${i + 1}`, title, instructions: s.instructions };
  });
  return { subtasks, notes };
}

function titleFrom(instructions: string): string {
  const words = squash(instructions).split(' ').slice(0, 6).join(' ');
  // Trailing punctuation stripped in one pass: the plan is model output, and `/[.:;,]+$/` rescanned a
  // run of it from each position (15.7 s on 128 KiB).
  let end = words.length;
  while (end > 0 && '.:;,'.includes(words[end - 1]!)) end--;
  return words.slice(0, end) || 'Subtask';
}

/** Renumbers ids after the user removed or edited subtasks, so ids stay 'subtask-1' … in order. */
export function renumber(subtasks: readonly Pick<Subtask, 'title' | 'instructions'>[]): Subtask[] {
  return subtasks.map((s, i) => ({ id: `subtask-${i + 1}`, title: s.title, instructions: s.instructions }));
}

export interface PlanTaskInput {
  task: string;
  contextText?: string;
  maxSubtasks: number;
  client: Anthropic | ClientConfig;
  model: string;
  maxTokens?: number;
  signal?: AbortSignal;
  logger?: Logger;
  prices?: PriceTable;
  retry?: Partial<RetryPolicy>;
  /** Further API parameters, e.g. the sub-agents' tools (toolsPrefixExtra) so the planner's cache entry serves them. */
  extra?: Record<string, unknown>;
}

/** Runs the planner call. Rejects with ClaudeInvocationError when the call fails. */
export async function planTask(input: PlanTaskInput): Promise<{ plan: ParsedPlan; result: ClaudeResult }> {
  const request = buildPlanRequest({
    task: input.task,
    maxSubtasks: input.maxSubtasks,
    model: input.model,
    ...(input.contextText && { contextText: input.contextText }),
  });
  const result = await invokeClaude(request.prompt, {
    client: input.client,
    model: input.model,
    system: request.system,
    outputFormat: request.outputFormat,
    ...(input.maxTokens !== undefined && { maxTokens: input.maxTokens }),
    ...(input.signal && { signal: input.signal }),
    ...(input.logger && { logger: input.logger }),
    ...(input.prices && { prices: input.prices }),
    ...(input.retry && { retry: input.retry }),
    ...(input.extra && { extra: input.extra }),
  });
  if (result.status !== 'completed')
    return { plan: { subtasks: [], notes: [], error: 'Planning was cancelled.' }, result };
  const plan = parsePlan(result.text, input.maxSubtasks);
  if (result.stopReason === 'max_tokens')
    plan.notes.push('The plan reached the maxTokens limit and may be incomplete.');
  return { plan, result };
}
