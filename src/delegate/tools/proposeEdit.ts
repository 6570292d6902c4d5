// propose_edit: records a change for the user to review (replace a range of lines, or create a file).
// Nothing is written: the proposal keeps the text it replaces, so applying it later can refuse an edit
// whose file changed meanwhile.
import { ToolError, type AgentTool } from '../../core';
import { joinPath } from '../../policy';
import {
  inputObject,
  lineField,
  readThroughPolicy,
  relativePath,
  splitLines,
  stringField,
  type AgentWorkspace,
  type ProposalCollector,
} from './workspace';

export function proposeEditTool(ws: AgentWorkspace, collector: ProposalCollector): AgentTool {
  return {
    name: 'propose_edit',
    description: [
      'Proposes a change for the user to review; nothing is written now.',
      'To change a file: path, startLine and endLine (1-based, inclusive, as read_file numbers them) and newText, the complete replacement for those lines (without line numbers). To insert before line N without replacing, use startLine N and endLine N-1.',
      'To create a new file: path, create: true and newText (its whole content).',
      'Always give a one-line reason.',
    ].join(' '),
    inputSchema: {
      required: ['path', 'newText', 'reason'],
      properties: {
        path: { type: 'string' },
        startLine: { type: 'integer', minimum: 1 },
        endLine: { type: 'integer', minimum: 0 },
        newText: { type: 'string' },
        create: { type: 'boolean' },
        reason: { type: 'string', description: 'One line: why this change.' },
      },
    },
    async run(input) {
      const fields = inputObject(input, 'propose_edit');
      const path = stringField(fields, 'path', true);
      const newText = stringField(fields, 'newText', true);
      const reason = stringField(fields, 'reason', true).replace(/\s+/g, ' ').trim();
      if (!reason) throw new ToolError('"reason" must say in one line why.');
      if (fields['create'] === true) {
        const rel = relativePath(ws, path);
        // The real place it would be written, through any symbolic link on the way (checked again on apply).
        const refused = await ws.policy.writeExclusion(rel);
        if (refused) throw new ToolError(`Refused: ${rel} may not be created (${refused.detail}).`);
        const exists = await ws.fs.stat(joinPath(ws.root, rel)).then(
          () => true,
          () => false,
        );
        if (exists) throw new ToolError(`${rel} already exists; read it and propose a replacement of lines instead.`);
        collector.add({ kind: 'create', path: rel, newText, reason });
        return `Recorded: create ${rel} (${splitLines(newText).length} lines). Not written yet; the user reviews it.`;
      }
      const { rel, text } = await readThroughPolicy(ws, path);
      const unwritable = await ws.policy.writeExclusion(rel);
      if (unwritable) throw new ToolError(`Refused: ${rel} may not be edited (${unwritable.detail}).`);
      const lines = splitLines(text);
      const start = lineField(fields, 'startLine');
      const end = lineField(fields, 'endLine');
      if (start === undefined || end === undefined)
        throw new ToolError('Give startLine and endLine, or create: true for a new file.');
      if (start < 1 || start > lines.length + 1 || end < start - 1 || end > lines.length) {
        throw new ToolError(`Lines ${start}–${end} are not a range of ${rel}, which has ${lines.length} lines.`);
      }
      const oldText = lines.slice(start - 1, end).join('\n');
      collector.add({
        kind: 'replace',
        path: rel,
        startLine: start,
        endLine: end,
        oldText,
        newText: newText.replace(/\n$/, ''),
        reason,
      });
      return `Recorded: ${end < start ? `insert before line ${start}` : `replace lines ${start}–${end}`} of ${rel}. Not written yet; the user reviews it.`;
    },
  };
}
