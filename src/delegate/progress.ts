// What a delegation's panel shows of its run, read from its events: how each section ended and why,
// and each sub-agent's log (tool calls, refusals, proposed edits, cost). Pure: no `vscode` import.
import { formatUsd } from '../core';
import type { ToolStepEvent } from './agentSubtasks';
import type { IntegrationOutcome, SubtaskOutcome } from './run';
import { describeCall, describeProposal } from './stepText';
import type { EditProposal } from './tools';

/** How a section ended, and why when it is not plainly done. */
export interface SectionEnd {
  status: 'done' | 'failed' | 'cancelled';
  note?: string;
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function subtaskEnd(o: SubtaskOutcome): SectionEnd {
  if (o.succeeded)
    return o.truncated ? { status: 'done', note: 'Cut off at the maxTokens limit.' } : { status: 'done' };
  if (o.status === 'interrupted') return { status: 'cancelled', note: 'Cancelled; the partial text is kept.' };
  if (o.status === 'notStarted') return { status: 'cancelled', note: 'Cancelled before it started.' };
  return { status: 'failed', note: o.reason ? capitalise(o.reason) : 'Failed.' };
}

/** `cancelled`: the user cancelled the run (a skipped integration then says so rather than failed). */
export function integrationEnd(o: IntegrationOutcome, cancelled: boolean): SectionEnd {
  const status =
    o.status === 'completed'
      ? 'done'
      : o.status === 'failed'
        ? 'failed'
        : o.status === 'interrupted' || cancelled
          ? 'cancelled'
          : 'failed';
  const missing = o.missing.length ? `Missing: ${o.missing.map((m) => `"${m.title}" (${m.reason})`).join('; ')}.` : '';
  const note = [o.message, missing].filter(Boolean).join(' ');
  return note ? { status, note } : { status };
}

/** A sub-agent's log (the protocol's AgentView has this shape). */
export interface AgentLog {
  steps: Array<{ text: string; error?: string }>;
  proposals: string[];
  /** Pre-formatted, once it finished. */
  cost?: string;
  running: boolean;
  /** Why its work is partial ("stopped at the turn limit"). */
  partial?: string;
}

/** The logs of a run's sub-agents, by subtask index; `clean` keeps secrets out of what they show. */
export class AgentLogs {
  private readonly logs: AgentLog[];

  constructor(
    count: number,
    private readonly clean: (text: string) => string,
  ) {
    this.logs = Array.from({ length: count }, () => ({ steps: [], proposals: [], running: true }));
  }

  get(index: number): AgentLog {
    return this.logs[index]!;
  }

  /** A tool call, or a failed result marked on its call; returns the line for the subtask's output. */
  step(index: number, step: ToolStepEvent): string | undefined {
    const log = this.get(index);
    const call = describeCall(step.call);
    if (step.type === 'toolCall') {
      log.steps.push({ text: call });
      return `\n→ ${call}`;
    }
    if (!step.isError) return undefined;
    const error = this.clean(step.content.split('\n')[0] ?? '');
    const last = [...log.steps].reverse().find((s) => s.text === call && s.error === undefined);
    if (last) last.error = error;
    return `  ✗ ${error}`;
  }

  proposal(index: number, proposal: EditProposal): void {
    this.get(index).proposals.push(this.clean(describeProposal(proposal)));
  }

  done(index: number, outcome: SubtaskOutcome): void {
    const log = this.get(index);
    log.running = false;
    log.cost = formatUsd(outcome.cost.usd);
    if (outcome.partial) log.partial = outcome.partial;
  }
}
