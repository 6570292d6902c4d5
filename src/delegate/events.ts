// What a delegation reports while it runs, as one event union (as the review's ReviewEvent): a shell
// applies each event with one function instead of wiring ten callbacks. Subtask events carry the
// subtask's index in the approved plan.
import type { RetryNotice } from '../core';
import type { ToolStepEvent } from './agentSubtasks';
import type { IntegrationOutcome, SubtaskOutcome } from './run';
import type { EditProposal } from './tools';

export type DelegationEvent =
  /** A subtask's stream began (again, after a retry). */
  | { type: 'subtaskStart'; index: number }
  | { type: 'subtaskText'; index: number; text: string }
  /** A subtask's request failed and is tried again after `notice.delayMs`. */
  | { type: 'subtaskRetry'; index: number; notice: RetryNotice }
  /** Sub-agents: a tool call (with its arguments) or its result, in order. */
  | { type: 'subtaskStep'; index: number; step: ToolStepEvent }
  /** Sub-agents: an edit was proposed (nothing is written). */
  | { type: 'subtaskProposal'; index: number; proposal: EditProposal }
  | { type: 'subtaskDone'; index: number; outcome: SubtaskOutcome }
  /** The integration call begins (or a single subtask's result is taken as the answer). */
  | { type: 'integrationStart' }
  | { type: 'integrationText'; text: string }
  | { type: 'integrationRetry'; notice: RetryNotice }
  | { type: 'integrationDone'; outcome: IntegrationOutcome };

export type DelegationListener = (event: DelegationEvent) => void;
