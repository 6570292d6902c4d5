// One change set from every sub-agent's proposals: edits in proposal order per subtask, each labelled
// with its subtask; an edit that overlaps lines another edit already changes (or creates a file twice)
// is left out and reported as a conflict, never merged silently. Pure: no `vscode` import.
import type { EditProposal } from './tools';

export interface ChangeSetEdit {
  /** The subtask that proposed it (its index in the plan). */
  subtaskIndex: number;
  /** The subtask's title, plus a note when its agent did not finish ("stopped at the turn limit"). */
  label: string;
  proposal: EditProposal;
}

export interface ChangeConflict {
  path: string;
  /** The edit that is kept and the one left out, by label. */
  kept: string;
  dropped: string;
  /** In words for the user and the integrator. */
  message: string;
}

export interface ChangeSet {
  edits: ChangeSetEdit[];
  conflicts: ChangeConflict[];
  /** Paths touched, in first-touched order. */
  files: string[];
}

export interface SubtaskProposals {
  subtaskIndex: number;
  label: string;
  proposals: readonly EditProposal[];
}

const span = (p: EditProposal): string =>
  p.kind === 'create'
    ? 'the new file'
    : p.endLine < p.startLine
      ? `an insertion before line ${p.startLine}`
      : `lines ${p.startLine}–${p.endLine}`;

/** Whether two edits of one file touch the same lines (insertions at the same place count). */
function overlaps(a: EditProposal, b: EditProposal): boolean {
  if (a.kind === 'create' || b.kind === 'create') return true;
  const aInsert = a.endLine < a.startLine;
  const bInsert = b.endLine < b.startLine;
  if (aInsert && bInsert) return a.startLine === b.startLine;
  // An insertion clashes with a replacement that starts at or spans its place.
  if (aInsert) return b.startLine <= a.startLine && a.startLine <= b.endLine;
  if (bInsert) return a.startLine <= b.startLine && b.startLine <= a.endLine;
  return a.startLine <= b.endLine && b.startLine <= a.endLine;
}

/** Reconciles the proposals of every subtask, in subtask order. */
export function reconcile(all: readonly SubtaskProposals[]): ChangeSet {
  const edits: ChangeSetEdit[] = [];
  const conflicts: ChangeConflict[] = [];
  const files: string[] = [];
  for (const { subtaskIndex, label, proposals } of all) {
    for (const proposal of proposals) {
      const clash = edits.find((e) => e.proposal.path === proposal.path && overlaps(e.proposal, proposal));
      if (clash) {
        conflicts.push({
          path: proposal.path,
          kept: clash.label,
          dropped: label,
          message: `${proposal.path}: "${label}" proposed ${span(proposal)}, which "${clash.label}" already changes (${span(clash.proposal)}); only the first is kept.`,
        });
        continue;
      }
      edits.push({ subtaskIndex, label, proposal });
      if (!files.includes(proposal.path)) files.push(proposal.path);
    }
  }
  return { edits, conflicts, files };
}

/**
 * Why an edit can no longer be applied to the file's current text, or undefined when it still fits: the
 * lines it replaces must read exactly as when the agent read them.
 */
export function staleReason(edit: EditProposal, currentText: string | undefined): string | undefined {
  if (edit.kind === 'create')
    return currentText === undefined
      ? undefined
      : `${edit.path} was created meanwhile; the proposed new file is not written over it.`;
  if (currentText === undefined) return `${edit.path} no longer exists.`;
  const lines = currentText.split(/\r?\n/);
  if (lines.length > 1 && lines.at(-1) === '') lines.pop();
  const now = lines.slice(edit.startLine - 1, edit.endLine).join('\n');
  return now === edit.oldText && edit.endLine <= lines.length
    ? undefined
    : `${edit.path} changed since the agent read it (${span(edit)} differ); this edit was not applied.`;
}

/** A compact description of the proposals for the integrator. */
export function describeProposals(proposals: readonly EditProposal[]): string {
  if (proposals.length === 0) return 'Proposed edits: none.';
  const lines = proposals.map((p) => `- ${p.path}, ${span(p)}: ${p.reason}\n\`\`\`\n${p.newText}\n\`\`\``);
  return ['Proposed edits:', ...lines].join('\n');
}
