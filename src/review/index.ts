// Review domain logic (no editor dependencies): context gathering, experts, findings, prompts.
export * from './context';
export * from './experts';
export * from './findings';
export * from './prompts';
export type { RunStatus } from './runStatus';
