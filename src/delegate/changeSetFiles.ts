// The change set seen file by file, as the user reviews it: each file's edits, the text the file would
// have with them (the right side of the diff), and a summary of what was accepted and discarded.
// Pure: no `vscode` import.
import type { ChangeSet, ChangeSetEdit } from './changeSet';
import type { EditProposal } from './tools';

export interface ChangeSetFile {
  /** Workspace-relative path. */
  path: string;
  /** Its edits in proposal order (never overlapping: reconcile left clashes out). */
  edits: ChangeSetEdit[];
  /** Whether the file is new (a `create` proposal). */
  created: boolean;
}

export type FileDecision = 'pending' | 'accepted' | 'discarded';

/** The change set grouped by file, in first-touched order. */
export function changeSetFiles(changeSet: ChangeSet): ChangeSetFile[] {
  return changeSet.files.map((path) => {
    const edits = changeSet.edits.filter((e) => e.proposal.path === path);
    return { path, edits, created: edits.some((e) => e.proposal.kind === 'create') };
  });
}

/**
 * The file's text with its edits applied, as accepting them would write it: lines startLine..endLine
 * replaced (endLine = startLine - 1 inserts; a start past the end appends); the file's line ending and
 * final newline are kept. `current` is undefined for a file that does not exist.
 */
export function proposedText(current: string | undefined, proposals: readonly EditProposal[]): string {
  const created = proposals.find((p) => p.kind === 'create');
  if (created) return created.newText.endsWith('\n') ? created.newText : `${created.newText}\n`;
  const text = current ?? '';
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const finalNewline = lines.length > 1 && lines.at(-1) === '';
  if (finalNewline) lines.pop();
  // From the bottom up, so earlier line numbers stay valid.
  const replaces = proposals.filter((p) => p.kind === 'replace').sort((a, b) => b.startLine - a.startLine);
  for (const p of replaces) {
    const added = p.newText.split(/\r?\n/);
    if (p.startLine > lines.length) lines.push(...added);
    else lines.splice(p.startLine - 1, Math.max(0, p.endLine - p.startLine + 1), ...added);
  }
  return lines.join(eol) + (finalNewline ? eol : '');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** What became of the change set, e.g. "Accepted: a.ts, b.ts. Discarded: c.ts. 1 file still to review." */
export function decisionSummary(decisions: ReadonlyArray<{ path: string; decision: FileDecision }>): string {
  const of = (d: FileDecision) => decisions.filter((f) => f.decision === d).map((f) => f.path);
  const accepted = of('accepted');
  const discarded = of('discarded');
  const pending = of('pending').length;
  const parts = [
    accepted.length ? `Accepted: ${accepted.join(', ')}.` : 'Nothing accepted.',
    discarded.length ? `Discarded: ${discarded.join(', ')}.` : '',
    pending ? `${plural(pending, 'file')} still to review.` : 'All files reviewed.',
  ];
  return parts.filter(Boolean).join(' ');
}
