// Delegation, editor-independent: planning a task into subtasks and running them in parallel.
export { PLAN_SCHEMA, buildPlanRequest, maxSubtasksFor, parsePlan, planTask, renumber } from './plan';
export type { ParsedPlan, PlanRequest, PlanTaskInput, Subtask } from './plan';
export { runDelegation } from './run';
export type { DelegationEvent, DelegationListener } from './events';
export type {
  DelegationResult,
  IntegrationOutcome,
  IntegrationStatus,
  RunDelegationInput,
  SubtaskOutcome,
} from './run';
export { contextSystem, integrationPrompt, subtaskPrompt, INTEGRATOR_ROLE, SUBTASK_ROLE } from './prompts';
export type { CompletedPart, MissingPart } from './prompts';
export { reconcile, staleReason, describeProposals } from './changeSet';
export { changeSetFiles, proposedText, decisionSummary } from './changeSetFiles';
export type { ChangeSetFile, FileDecision } from './changeSetFiles';
export { previewEntry, EXECUTABLE_LABEL_PREFIX, type PreviewEntry } from './writeChecks';
export type { ChangeConflict, ChangeSet, ChangeSetEdit, SubtaskProposals } from './changeSet';
export { DEFAULT_AGENT_LIMITS, partialNote } from './agentSubtasks';
export type { AgentLimits, ToolStepEvent } from './agentSubtasks';
export {
  ProposalCollector,
  workspaceTools,
  openAgentWorkspace,
  toolsPrefixExtra,
  TOOL_NAMES,
  MAX_READ_LINES,
} from './tools';
export type { AgentWorkspace, EditProposal, OpenWorkspaceInput } from './tools';
export { AGENT_ROLE, agentSubtaskPrompt } from './prompts';
export { describeCall, describeProposal } from './stepText';
export { AgentLogs, integrationEnd, subtaskEnd } from './progress';
export type { AgentLog, SectionEnd } from './progress';
