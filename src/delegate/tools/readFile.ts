// read_file: a file's lines (numbered), whole or a range, read through the content policy.
import { ToolError, type AgentTool } from '../../core';
import { inputObject, lineField, readThroughPolicy, splitLines, stringField, type AgentWorkspace } from './workspace';

/** Lines given at most per call, so one read cannot fill the context. */
export const MAX_READ_LINES = 400;

export function readFileTool(ws: AgentWorkspace): AgentTool {
  return {
    name: 'read_file',
    description: `Reads a workspace file's lines, numbered ("12: text"). Give startLine/endLine (1-based, inclusive) for a range; at most ${MAX_READ_LINES} lines per call.`,
    inputSchema: {
      required: ['path'],
      properties: {
        path: { type: 'string', description: 'Path relative to the workspace root.' },
        startLine: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 1 },
      },
    },
    async run(input) {
      const fields = inputObject(input, 'read_file');
      const { rel, text } = await readThroughPolicy(ws, stringField(fields, 'path', true));
      const lines = splitLines(text);
      const start = Math.max(1, lineField(fields, 'startLine') ?? 1);
      if (start > lines.length) throw new ToolError(`${rel} has ${lines.length} lines; line ${start} does not exist.`);
      const end = Math.min(lines.length, lineField(fields, 'endLine') ?? lines.length, start + MAX_READ_LINES - 1);
      const body = lines
        .slice(start - 1, end)
        .map((l, i) => `${start + i}: ${l}`)
        .join('\n');
      return `${rel} (lines ${start}–${end} of ${lines.length})\n${body}`;
    },
  };
}
