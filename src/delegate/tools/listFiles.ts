// list_files: the workspace's files (those the content policy allows), optionally matching a glob.
import type { AgentTool } from '../../core';
import { inputObject, stringField, walkFiles, type AgentWorkspace } from './workspace';

const SHOWN = 300;

export function listFilesTool(ws: AgentWorkspace): AgentTool {
  return {
    name: 'list_files',
    description:
      'Lists files in the workspace (paths relative to its root). Files that may not be read (secrets, ignored files) are not listed.',
    inputSchema: {
      properties: { glob: { type: 'string', description: 'Optional VS Code glob, e.g. "src/**/*.ts" or "**/*.py".' } },
    },
    async run(input, signal) {
      const glob = stringField(inputObject(input, 'list_files'), 'glob');
      const { files, truncated } = await walkFiles(ws, glob, signal);
      if (files.length === 0) return glob ? `No files match ${glob}.` : 'The workspace has no readable files.';
      const more = files.length > SHOWN || truncated ? `\n… and more; narrow the glob.` : '';
      return files.slice(0, SHOWN).join('\n') + more;
    },
  };
}
