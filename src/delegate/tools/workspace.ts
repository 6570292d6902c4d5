// What the delegation's tools work on: the workspace folder, read only through the content policy, and
// the edits a sub-agent proposes (collected, never written while the agents work).
import { ToolError } from '../../core';
import { ExcludePatterns, joinPath, workspaceRelative, type ContentPolicy, type WorkspaceFs } from '../../policy';

export interface AgentWorkspace {
  /** Absolute path of the workspace folder; the policy's root. */
  root: string;
  /** The only gate for file text (and the listing's names). */
  policy: ContentPolicy;
  /** For folder listings and existence checks; never for file text. */
  fs: WorkspaceFs;
}

/** One proposed change. Line numbers are 1-based and refer to the file as it was read. */
export type EditProposal =
  | {
      kind: 'replace';
      path: string;
      startLine: number;
      endLine: number;
      oldText: string;
      newText: string;
      reason: string;
    }
  | { kind: 'create'; path: string; newText: string; reason: string };

/** Where a sub-agent's proposals are kept until the user reviews them. */
export class ProposalCollector {
  readonly proposals: EditProposal[] = [];
  constructor(private readonly onAdd?: (proposal: EditProposal) => void) {}
  add(proposal: EditProposal): void {
    this.proposals.push(proposal);
    this.onAdd?.(proposal);
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The input as an object, or a ToolError the model can read. */
export function inputObject(input: unknown, tool: string): Record<string, unknown> {
  if (!isRecord(input)) throw new ToolError(`${tool} takes a JSON object as input.`);
  return input;
}

export function stringField(input: Record<string, unknown>, name: string, required: true): string;
export function stringField(input: Record<string, unknown>, name: string, required?: false): string | undefined;
export function stringField(input: Record<string, unknown>, name: string, required = false): string | undefined {
  const value = input[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') throw new ToolError(`"${name}" must be a string.`);
  return value;
}

export function lineField(input: Record<string, unknown>, name: string): number | undefined {
  const value = input[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new ToolError(`"${name}" must be a whole line number.`);
  return value;
}

/** The workspace-relative form of a path the model gave, or a ToolError when it leaves the workspace. */
export function relativePath(ws: AgentWorkspace, path: string): string {
  const rel = workspaceRelative(ws.root, path.trim().replace(/^\.\//, ''));
  if (rel === undefined || rel === '')
    throw new ToolError(`Refused: ${path} is outside the workspace folder. Use paths relative to the workspace root.`);
  return rel;
}

/** The file's text through the policy, or a ToolError naming the rule that keeps it back. */
export async function readThroughPolicy(ws: AgentWorkspace, path: string): Promise<{ rel: string; text: string }> {
  const rel = relativePath(ws, path);
  const read = await ws.policy.readText(rel);
  if ('exclusion' in read) throw new ToolError(`Refused: ${rel} may not be read (${read.exclusion.detail}).`);
  return { rel, text: read.text };
}

export const splitLines = (text: string): string[] => {
  const lines = text.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  return lines;
};

// Not worth listing; version-control metadata (.git/ …) is the policy's to refuse.
const ALWAYS_SKIPPED = new Set(['node_modules']);
export const MAX_WALKED_FILES = 5000;

/**
 * Workspace-relative paths of the files the policy lets through by path (folders it excludes are not
 * entered; links are not followed), optionally matching a VS Code glob, in a stable order.
 */
export async function walkFiles(
  ws: AgentWorkspace,
  glob: string | undefined,
  signal: AbortSignal,
): Promise<{ files: string[]; truncated: boolean }> {
  const matcher = glob ? ExcludePatterns.fromVsCodeGlobs([glob]) : undefined;
  const files: string[] = [];
  const folders = [''];
  while (folders.length > 0) {
    if (signal.aborted) throw new ToolError('Stopped.');
    const folder = folders.shift()!;
    let entries: Array<[string, string]>;
    try {
      entries = await ws.fs.readDirectory(joinPath(ws.root, folder));
    } catch {
      continue;
    }
    for (const [name, type] of entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const rel = folder ? `${folder}/${name}` : name;
      if (type === 'directory') {
        if (!ALWAYS_SKIPPED.has(name) && !(await ws.policy.pathExclusion(rel, true))) folders.push(rel);
      } else if (type === 'file' && !(await ws.policy.pathExclusion(rel, false)) && (!matcher || matcher.match(rel))) {
        files.push(rel);
        if (files.length >= MAX_WALKED_FILES) return { files, truncated: true };
      }
    }
  }
  return { files, truncated: false };
}
