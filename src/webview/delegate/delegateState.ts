// Everything the delegation panel shows, in a form that survives setState/getState.
import type { AgentView, CostView } from '../../shared/protocol';
import type { RunOutcome } from '../lib/runStatus';
import type { SectionState } from '../lib/sectionState';

export interface DelegateState {
  version: 1;
  task: string;
  simulated: boolean;
  sections: SectionState[];
  cost?: CostView;
  done?: RunOutcome;
  /** Sub-agents' logs by section id. */
  agents?: Record<string, AgentView>;
  changes?: { summary: string; canReview: boolean };
}

export function isDelegateState(value: unknown): value is DelegateState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<DelegateState>;
  return v.version === 1 && typeof v.task === 'string' && typeof v.simulated === 'boolean' && Array.isArray(v.sections);
}
