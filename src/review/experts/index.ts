export { BUILTIN_EXPERTS } from './builtinExperts';
export { parseSettingsExperts, type ParsedExperts } from './settingsExperts';
export { parseAgentFile, AGENT_ID_PREFIX, MAX_AGENT_BODY_BYTES, type AgentFileResult } from './agentFile';
export { expertsNamed, mergeExperts, selectExperts, type MergedExperts } from './mergeExperts';
export { resolveModelAlias } from './modelAlias';
export { expertIdFromName } from './expertId';
export type { ExpertDefinition, ExpertGuidance, ExpertProblem, ExpertSource } from './types';
