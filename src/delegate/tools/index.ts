// The delegation's workspace tools: read-only access through the content policy, plus proposals.
// No tool writes a file or runs a command.
import type { AgentTool } from '../../core';
import { listFilesTool } from './listFiles';
import { proposeEditTool } from './proposeEdit';
import { readFileTool } from './readFile';
import { searchTextTool } from './searchText';
import type { AgentWorkspace, ProposalCollector } from './workspace';

export { ProposalCollector, type AgentWorkspace, type EditProposal } from './workspace';
export { MAX_READ_LINES } from './readFile';
export { openAgentWorkspace, type OpenWorkspaceInput } from './openWorkspace';

/** One sub-agent's tools; its proposals go to `collector`. */
export function workspaceTools(ws: AgentWorkspace, collector: ProposalCollector): AgentTool[] {
  return [listFilesTool(ws), readFileTool(ws), searchTextTool(ws), proposeEditTool(ws, collector)];
}

/** The tool names, for the panel and the prompts. */
export const TOOL_NAMES = ['list_files', 'read_file', 'search_text', 'propose_edit'] as const;
