// Delegation, editor-independent: planning a task into subtasks and running them in parallel.
export { PLAN_SCHEMA, buildPlanRequest, maxSubtasksFor, parsePlan, planTask, renumber } from './plan';
export type { ParsedPlan, PlanRequest, PlanTaskInput, Subtask } from './plan';
export { runDelegation } from './run';
export type { DelegationEvents, DelegationResult, IntegrationOutcome, IntegrationStatus, RunDelegationInput, SubtaskOutcome } from './run';
export { contextSystem, integrationPrompt, subtaskPrompt, INTEGRATOR_ROLE, SUBTASK_ROLE } from './prompts';
export type { CompletedPart, MissingPart } from './prompts';
