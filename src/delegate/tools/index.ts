// The delegation's workspace tools: read-only access through the content policy, plus proposals.
// No tool writes a file or runs a command.
import { toolDefinition, type AgentTool } from '../../core';
import { ContentPolicy, noWorkspaceFs } from '../../policy';
import { listFilesTool } from './listFiles';
import { proposeEditTool } from './proposeEdit';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import { ProposalCollector as Collector, type AgentWorkspace, type ProposalCollector } from './workspace';

export { ProposalCollector, type AgentWorkspace, type EditProposal } from './workspace';
export { MAX_READ_LINES } from './readFile';
export { openAgentWorkspace, type OpenWorkspaceInput } from './openWorkspace';

/** One sub-agent's tools; its proposals go to `collector`. */
export function workspaceTools(ws: AgentWorkspace, collector: ProposalCollector): AgentTool[] {
  return [listFilesTool(ws), readFileTool(ws), searchTextTool(ws), proposeEditTool(ws, collector)];
}

/** The tool names, for the panel and the prompts. */
export const TOOL_NAMES = ['list_files', 'read_file', 'search_text', 'propose_edit'] as const;

/**
 * The sub-agents' tool definitions with `tool_choice: none`, for the planner and the integrator: the
 * cached prefix runs tools → system, so calls that carry the same tools share the agents' cache entry
 * of the code context instead of writing their own.
 */
export function toolsPrefixExtra(): Record<string, unknown> {
  const nowhere: AgentWorkspace = { root: '/', fs: noWorkspaceFs, policy: new ContentPolicy({ fs: noWorkspaceFs }) };
  return { tools: workspaceTools(nowhere, new Collector()).map(toolDefinition), tool_choice: { type: 'none' } };
}
