// search_text: lines containing a piece of text, across the files the content policy allows.
import { ToolError, type AgentTool } from '../../core';
import { inputObject, splitLines, stringField, walkFiles, type AgentWorkspace } from './workspace';

const MAX_MATCHES = 60;

export function searchTextTool(ws: AgentWorkspace): AgentTool {
  return {
    name: 'search_text',
    description:
      'Finds lines containing the given text (case-insensitive) in workspace files; answers "path:line: text". Files that may not be read are not searched.',
    inputSchema: {
      required: ['query'],
      properties: {
        query: { type: 'string', description: 'Plain text to look for (not a regular expression).' },
        glob: { type: 'string', description: 'Optional VS Code glob limiting the files, e.g. "src/**/*.ts".' },
      },
    },
    async run(input, signal) {
      const fields = inputObject(input, 'search_text');
      const query = stringField(fields, 'query', true);
      if (query.trim() === '') throw new ToolError('"query" must not be empty.');
      const needle = query.toLowerCase();
      const { files } = await walkFiles(ws, stringField(fields, 'glob'), signal);
      const matches: string[] = [];
      for (const rel of files) {
        if (signal.aborted) throw new ToolError('Stopped.');
        const read = await ws.policy.readText(rel);
        if ('exclusion' in read) continue;
        splitLines(read.text).forEach((line, i) => {
          if (matches.length <= MAX_MATCHES && line.toLowerCase().includes(needle))
            matches.push(`${rel}:${i + 1}: ${line.trim().slice(0, 200)}`);
        });
        if (matches.length > MAX_MATCHES) break;
      }
      if (matches.length === 0) return `No line contains "${query}".`;
      return matches.length > MAX_MATCHES
        ? `${matches.slice(0, MAX_MATCHES).join('\n')}\n… more matches; narrow the query or the glob.`
        : matches.join('\n');
    },
  };
}
