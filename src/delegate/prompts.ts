// The texts of a delegation: planner, subtask agents and integration. The code context always comes
// first in the system prompt, byte-identical in every call, so the planner's cache entry is read by
// every subtask and by the integration. Pure: no `vscode` import.
import { minCacheableTokens, type SystemInput } from '../core';
import type { Subtask } from './subtask';

type TextBlock = Exclude<SystemInput, string>[number];

/** Whether a prefix of `chars` characters surely reaches the model's minimum cacheable length. */
export const worthCaching = (chars: number, model: string): boolean =>
  Math.ceil(chars / 3) >= minCacheableTokens(model);

/**
 * [code context (cache breakpoint), role] — or just the role without context. The same shape as
 * invokeParallel's sharedSystem + system, so the cached prefix is shared across all calls.
 */
export function contextSystem(contextText: string | undefined, role: string, model: string): SystemInput {
  if (!contextText) return role;
  const context: TextBlock = { type: 'text', text: contextText };
  if (worthCaching(contextText.length, model)) context.cache_control = { type: 'ephemeral' };
  return [context, { type: 'text', text: role }];
}

export const SUBTASK_ROLE = [
  'You are one of several AI agents working at the same time on parts of a larger software task.',
  'Do your own subtask only, completely and concretely; other agents handle the other parts and a final step integrates all results.',
  'You cannot ask questions: when something is unclear, make a reasonable assumption and state it.',
  'Answer in Markdown. Put code in fenced blocks with a language tag. When you refer to the code shown, cite its path and line numbers.',
].join('\n');

export function subtaskPrompt(task: string, subtask: Subtask, index: number, total: number): string {
  return [
    '<overall-task>',
    task.trim(),
    '</overall-task>',
    '',
    `<your-subtask number="${index + 1}" of="${total}" title="${escapeAttr(subtask.title)}">`,
    subtask.instructions.trim(),
    '</your-subtask>',
    '',
    'Deliver the result of your subtask now.',
  ].join('\n');
}

export const INTEGRATOR_ROLE = [
  'You integrate the results of several AI agents who each did one part of a software task in parallel.',
  'Combine their work into one coherent, complete answer to the overall task: resolve overlaps and contradictions, keep what is correct, and fill small gaps between parts.',
  'Never invent the result of a part that is missing: name it as missing and say what it means for the answer.',
  'Answer in Markdown. Put code in fenced blocks with a language tag.',
].join('\n');

export interface CompletedPart {
  subtask: Subtask;
  text: string;
  /** The result was cut off at the output limit. */
  truncated?: boolean;
}

export interface MissingPart {
  subtask: Subtask;
  /** e.g. 'failed: 500 api_error …', 'cancelled', 'returned no text'. */
  reason: string;
}

/** With `changeNotes`, the parts proposed edits: the answer summarises the change set (and its conflicts) for review. */
export function integrationPrompt(
  task: string,
  done: readonly CompletedPart[],
  missing: readonly MissingPart[],
  changeNotes?: string,
): string {
  const total = done.length + missing.length;
  const parts = done.map((p) =>
    [
      `<subtask-result title="${escapeAttr(p.subtask.title)}"${p.truncated ? ' truncated="true"' : ''}>`,
      `Instructions: ${p.subtask.instructions.trim()}`,
      '',
      p.text.trim(),
      '</subtask-result>',
    ].join('\n'),
  );
  const lines = [
    '<overall-task>',
    task.trim(),
    '</overall-task>',
    '',
    `The task was split into ${total} subtask${total === 1 ? '' : 's'}, done by separate agents in parallel. ` +
      (missing.length ? `${done.length} of them produced a result:` : 'Their results:'),
    '',
    parts.join('\n\n'),
  ];
  if (missing.length) {
    lines.push(
      '',
      '<missing-subtasks>',
      `These ${missing.length} subtask${missing.length === 1 ? '' : 's'} did not produce a result, so ${missing.length === 1 ? 'its' : 'their'} part is missing:`,
      ...missing.map(
        (m) =>
          `- "${m.subtask.title}" (${m.reason}). Its instructions were: ${m.subtask.instructions.replace(/\s+/g, ' ').trim()}`,
      ),
      '</missing-subtasks>',
      '',
      'State explicitly, near the start of your answer, which parts are missing and why; do not make up their results.',
    );
  }
  if (changeNotes !== undefined) {
    lines.push(
      '',
      '<change-set>',
      changeNotes,
      '</change-set>',
      '',
      'The proposed edits above form one change set the user reviews file by file before anything is applied. Summarise it: what changes in which file and why, part by part; name every conflict listed and what the user should check.',
    );
  }
  lines.push('', 'Write the integrated answer to the overall task now.');
  return lines.join('\n');
}

function escapeAttr(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const AGENT_ROLE = [
  "You are one of several AI agents working at the same time on parts of a larger software task in the user's workspace.",
  'Do your own subtask only; other agents handle the other parts and a final step integrates all results.',
  'You have tools: list_files, read_file and search_text to look at the workspace, and propose_edit to propose changes. You cannot run commands.',
  'Read the code you change before proposing an edit, and give line numbers exactly as read_file shows them. Nothing is written while you work: the user reviews every proposed edit before it is applied.',
  'Keep edits small and focused on your subtask. Some files may be refused to you (secrets, ignored files); work without them.',
  'When you are done, answer with a short Markdown summary: what you changed and why, or, when the subtask asks a question, the answer citing paths and lines.',
].join('\n');

export function agentSubtaskPrompt(task: string, subtask: Subtask, index: number, total: number): string {
  return subtaskPrompt(task, subtask, index, total).replace(
    'Deliver the result of your subtask now.',
    'Carry out your subtask now, using the tools.',
  );
}
