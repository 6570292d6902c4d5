// The delegation's last step: one streamed call that integrates the subtasks' results (naming those
// that are missing), and the run's outcome in one sentence. Pure: no `vscode` import.
import { addCosts, emptyUsage, invokeClaude, toInvocationError, type ClaudeResult } from '../core';
import type { ChangeSet } from './changeSet';
import type { DelegationListener } from './events';
import { contextSystem, integrationPrompt, INTEGRATOR_ROLE, type CompletedPart, type MissingPart } from './prompts';
import type { DelegationResult, IntegrationOutcome, RunDelegationInput, SubtaskOutcome } from './run';
import { toolsPrefixExtra } from './tools';

export const elapsed = (r: ClaudeResult): number => Math.max(0, Math.round(r.timing.endedAt - r.timing.startedAt));

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function changeNotes(changeSet: ChangeSet): string {
  const files = changeSet.files.length ? `Files changed: ${changeSet.files.join(', ')}.` : 'No edits were proposed.';
  const conflicts = changeSet.conflicts.length
    ? ['Conflicts (the later edit was left out):', ...changeSet.conflicts.map((c) => `- ${c.message}`)].join('\n')
    : 'No conflicts.';
  return `${files}\n${conflicts}`;
}

/** The integration call over the subtasks that succeeded, streamed to `emit`; never rejects. */
export async function integrate(
  input: RunDelegationInput,
  emit: DelegationListener,
  done: CompletedPart[],
  missingParts: MissingPart[],
  missing: IntegrationOutcome['missing'],
  common: Record<string, unknown>,
  changeNotesText?: string,
): Promise<IntegrationOutcome> {
  const started = performance.now();
  try {
    const result = await invokeClaude(integrationPrompt(input.task, done, missingParts, changeNotesText), {
      ...common,
      ...(input.workspace && { extra: toolsPrefixExtra() }),
      system: contextSystem(input.contextText, INTEGRATOR_ROLE, input.model),
      onEvent: (event) => {
        if (event.type === 'text') emit({ type: 'integrationText', text: event.text });
        else if (event.type === 'retry') emit({ type: 'integrationRetry', notice: event.notice });
      },
      ...(input.signal && { signal: input.signal }),
    });
    const outcome: IntegrationOutcome = {
      status: result.status === 'completed' ? 'completed' : 'interrupted',
      text: result.text,
      missing,
      usage: result.usage,
      cost: result.cost,
      elapsedMs: elapsed(result),
    };
    if (result.status !== 'completed') outcome.message = 'The integration was cancelled; its partial text is kept.';
    else if (result.stopReason === 'max_tokens')
      outcome.message = 'The integrated answer reached the maxTokens limit and was cut off.';
    return outcome;
  } catch (caught) {
    const error = toInvocationError(caught);
    return {
      status: 'failed',
      text: error.partialText,
      message: `The integration step failed: ${error.message}`,
      missing,
      usage: emptyUsage(),
      cost: addCosts([]),
      elapsedMs: Math.round(performance.now() - started),
    };
  }
}

/** The run's outcome in one sentence for the user. */
export function summarise(
  status: DelegationResult['status'],
  outcomes: SubtaskOutcome[],
  integration: IntegrationOutcome,
): string {
  const total = outcomes.length;
  const ok = outcomes.filter((o) => o.succeeded).length;
  const missingText = integration.missing.map((m) => `"${m.title}" (${m.reason})`).join(', ');
  if (status === 'cancelled') {
    if (integration.status === 'interrupted')
      return 'Cancelled during the integration step; the partial answer is kept.';
    return `Cancelled: ${ok} of ${plural(total, 'subtask')} had finished; partial results are kept.`;
  }
  if (status === 'failed') return integration.message ?? 'The delegation produced no answer.';
  if (integration.missing.length === 0) {
    return total === 1 ? 'The subtask succeeded.' : `All ${total} subtasks succeeded and were integrated.`;
  }
  return `Integrated ${ok} of ${plural(total, 'subtask')}; missing: ${missingText}.`;
}
