// What the user does with one finding, from Problems, a comment thread or a panel: open it (its fix:
// fixActions.ts), dismiss or restore it, ask about it. Each changes the open findings (OpenFindings) only; every
// view shows the change from there.
import * as vscode from 'vscode';
import type { Finding } from '../../review';
import { dismissFinding, type Dismissal } from './dismissFinding';
import { findingQuestion, findingRange } from './findingsDiagnostics';
import type { ReviewParts } from './reviewParts';
import type { ReviewSnapshot } from './reviewSnapshot';

/** A finding of a review by id, shown or hidden (a hidden one can be opened once the panel shows it). */
export function findingIn(snapshot: ReviewSnapshot, id: string): Finding | undefined {
  return (
    snapshot.findings.find((f) => f.id === id) ??
    snapshot.hidden?.find((h) => h.finding.id === id)?.finding ??
    snapshot.dismissed?.find((f) => f.id === id) ??
    snapshot.provisional?.find((f) => f.id === id)
  );
}

/** The finding where it now is (open findings follow edits), else where the review placed it. */
function current(parts: ReviewParts, uri: vscode.Uri, id: string, snapshot?: ReviewSnapshot): Finding | undefined {
  return parts.findings.find(uri.toString(), id)?.finding ?? (snapshot && findingIn(snapshot, id));
}

export async function openFinding(parts: ReviewParts, snapshot: ReviewSnapshot, id: string): Promise<void> {
  const placed = findingIn(snapshot, id);
  if (!placed) return;
  const uri = vscode.Uri.joinPath(vscode.Uri.parse(snapshot.rootUri), placed.file);
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, {
    selection: findingRange(current(parts, uri, id, snapshot) ?? placed, doc),
    viewColumn: vscode.ViewColumn.One,
  });
}

/** Dismisses a finding (from Problems, a thread or a panel): it leaves every view, now and in later reviews. */
export async function dismiss(
  parts: ReviewParts,
  uri: unknown,
  findingId: unknown,
  snapshot?: ReviewSnapshot,
): Promise<Dismissal | undefined> {
  const finding =
    uri instanceof vscode.Uri && typeof findingId === 'string' ? current(parts, uri, findingId, snapshot) : undefined;
  if (!(uri instanceof vscode.Uri) || !finding) return undefined;
  const root = snapshot ? vscode.Uri.parse(snapshot.rootUri) : vscode.workspace.getWorkspaceFolder(uri)?.uri;
  if (!root) return undefined;
  const reviewId = snapshot?.reviewId ?? parts.findings.find(uri.toString(), finding.id)?.reviewId;
  // What is shown before the dismissal: "Remember for this project" says which of these its rule would hide.
  const shown = parts.findings.uris().flatMap((u) => parts.findings.shown(u).map((o) => o.finding));
  return dismissFinding(finding, root, shown, (reason) =>
    parts.findings.dismiss(root.toString(), finding, reason, reviewId),
  );
}

/** Un-dismisses a finding: back in every panel that lists it, in Problems and as a thread, and in later reviews. */
export function restore(parts: ReviewParts, findingId: string, snapshot?: ReviewSnapshot): Promise<void> {
  return parts.findings.restore(findingId, snapshot?.rootUri);
}

/** Opens the chat on the finding (or the review's first) with a question about it. */
export async function askFollowUp(snapshot: ReviewSnapshot, id: string | undefined): Promise<void> {
  const target = (id && findingIn(snapshot, id)) || snapshot.findings[0];
  const uri = target ? vscode.Uri.joinPath(vscode.Uri.parse(snapshot.rootUri), target.file) : undefined;
  await vscode.commands.executeCommand(
    'claudeMultiAgent.askAboutFinding',
    uri && target ? findingQuestion(uri, target) : undefined,
  );
}
