// A sub-agent's tool calls in a few words for its log: "read src/routes/users.ts 1–80". Pure.
import type { ToolCall } from '../core';
import type { EditProposal } from './tools';

const field = (input: unknown, name: string): unknown =>
  typeof input === 'object' && input !== null ? (input as Record<string, unknown>)[name] : undefined;
const text = (v: unknown): string => (typeof v === 'string' ? v.replace(/\s+/g, ' ').slice(0, 120) : '');
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** The call as a short line. */
export function describeCall(call: ToolCall): string {
  const { name, input } = call;
  const path = text(field(input, 'path'));
  const start = num(field(input, 'startLine'));
  const end = num(field(input, 'endLine'));
  const range = start !== undefined ? ` ${start}–${end ?? '…'}` : '';
  switch (name) {
    case 'read_file':
      return `read ${path}${range}`;
    case 'list_files':
      return `list ${text(field(input, 'glob')) || 'all files'}`;
    case 'search_text': {
      const glob = text(field(input, 'glob'));
      return `search "${text(field(input, 'query'))}"${glob ? ` in ${glob}` : ''}`;
    }
    case 'propose_edit':
      if (field(input, 'create') === true) return `propose new file ${path}`;
      return start !== undefined && end !== undefined && end < start
        ? `propose insertion in ${path} before line ${start}`
        : `propose edit ${path}${range}`;
    default:
      return `${text(name) || 'unnamed tool'} (unknown tool)`;
  }
}

/** A proposal as a short line: "src/a.ts 3–5: reason". */
export function describeProposal(p: EditProposal): string {
  const where =
    p.kind === 'create'
      ? `${p.path} (new file)`
      : p.endLine < p.startLine
        ? `${p.path} before line ${p.startLine}`
        : `${p.path} ${p.startLine}–${p.endLine}`;
  return `${where}: ${p.reason}`;
}
