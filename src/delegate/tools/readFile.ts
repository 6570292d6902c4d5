// read_file: a file's lines (numbered), whole or a range, read through the content policy.
import { ToolError, type AgentTool } from '../../core';
import { inputObject, lineField, readThroughPolicy, splitLines, stringField, type AgentWorkspace } from './workspace';

/** Lines given at most per call, so one read cannot fill the context. */
export const MAX_READ_LINES = 400;
/** Characters given at most per call: 400 lines of a minified file would still be megabytes. */
export const MAX_READ_CHARS = 64 * 1024;

export function readFileTool(ws: AgentWorkspace): AgentTool {
  return {
    name: 'read_file',
    description: `Reads a workspace file's lines, numbered ("12: text"). Give startLine/endLine (1-based, inclusive) for a range; at most ${MAX_READ_LINES} lines and ${MAX_READ_CHARS / 1024} KiB per call.`,
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
      const { body, lastShown, cut } = numberedWithin(lines, start, end);
      const head = `${rel} (lines ${start}–${lastShown} of ${lines.length})`;
      const next = lastShown < end ? ` Continue with startLine ${lastShown + 1}.` : '';
      if (cut === 'line')
        return `${head}\n${body}\n[Output cut at ${MAX_READ_CHARS / 1024} KiB: line ${lastShown} is ${lines[lastShown - 1]!.length.toLocaleString('en-US')} characters long and only its start is shown; a line this long is usually generated or minified.${next}]`;
      if (cut === 'lines') return `${head}\n${body}\n[Stopped at ${MAX_READ_CHARS / 1024} KiB of output.${next}]`;
      return `${head}\n${body}`;
    },
  };
}

/**
 * "n: text" for lines start..end within MAX_READ_CHARS: whole lines while they fit (`cut: 'lines'`
 * when some did not), and a first line longer than the whole allowance shown only in part.
 */
function numberedWithin(
  lines: readonly string[],
  start: number,
  end: number,
): { body: string; lastShown: number; cut?: 'line' | 'lines' } {
  const out: string[] = [];
  let room = MAX_READ_CHARS;
  for (let n = start; n <= end; n++) {
    const line = `${n}: ${lines[n - 1]!}`;
    if (line.length > room) {
      if (out.length > 0) return { body: out.join('\n'), lastShown: n - 1, cut: 'lines' };
      return { body: line.slice(0, MAX_READ_CHARS), lastShown: n, cut: 'line' };
    }
    out.push(line);
    room -= line.length + 1;
  }
  return { body: out.join('\n'), lastShown: end };
}
