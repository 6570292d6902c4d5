// The reviews kept in workspace storage: "Reopen a recent review…" shows one again in its panel (a
// review that was running when the window closed is marked interrupted), "Export review" writes one
// as Markdown, with its findings as the workspace has them now (dismissed ones left out).
import * as vscode from 'vscode';
import { redact } from '../../core';
import {
  findingsToMarkdown,
  SYNTHESIS_ID,
  VERIFICATION_ID,
  type ExpertResult,
  type ExportedRules,
  type SuppressedByRule,
} from '../../review';
import type { RulesView } from '../../shared/protocol';
import { costLine } from '../costView';
import type { ReviewParts } from './reviewParts';
import { presentFindings, type ReviewSnapshot } from './reviewSnapshot';

export async function reopen(parts: ReviewParts, reviewId?: string): Promise<void> {
  const open = reviewId ? parts.sessions.get(reviewId)?.snapshot : undefined;
  const reviews = parts.history.list();
  if (!open && !reviews.length) {
    void vscode.window.showInformationMessage(
      'No reviews yet in this workspace. Right-click code and choose "Multi-expert review".',
    );
    return;
  }
  let snapshot = open ?? (reviewId ? reviews.find((r) => r.reviewId === reviewId) : undefined);
  if (!snapshot) {
    const pick = await vscode.window.showQuickPick(
      reviews.map((r) => ({
        label: r.title,
        description: new Date(r.startedAt).toLocaleString(),
        detail: `${r.findings.length} findings · ${r.done?.status ?? 'interrupted'}${r.cost ? ` · ${r.cost.cost}` : ''}`,
        r,
      })),
      { title: 'Reopen a recent review' },
    );
    snapshot = pick?.r;
  }
  if (!snapshot) return;
  if (!parts.sessions.get(snapshot.reviewId)?.running) markInterrupted(snapshot);
  parts.sessions.show(withOneOwner(snapshot));
}

/**
 * A review panel VS Code brought back after a window reload (its serializer, registered in
 * extension.ts): it shows its review again from the history, as it was when the window closed. A page
 * whose saved state names no stored review (or a review open elsewhere already) is closed.
 */
export function restorePanel(parts: ReviewParts, panel: vscode.WebviewPanel, state: unknown): void {
  const reviewId = isObject(state) && typeof state['reviewId'] === 'string' ? state['reviewId'] : undefined;
  const snapshot = reviewId ? parts.history.list().find((r) => r.reviewId === reviewId) : undefined;
  const open = snapshot && parts.sessions.get(snapshot.reviewId);
  if (!snapshot || (open && parts.sessions.panelOf(open)?.visible)) {
    panel.dispose();
    return;
  }
  markInterrupted(snapshot);
  parts.sessions.show(withOneOwner(snapshot), panel);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * A review stored before findings had one owner kept its own lists of dismissed findings and applied
 * fixes: the dismissed ones move under `hidden`, where the workspace's dismissals decide (a finding
 * restored since shows again). Its applied fixes stay marked.
 */
function withOneOwner(snapshot: ReviewSnapshot): ReviewSnapshot {
  if (!snapshot.dismissed) return snapshot;
  const { dismissed, ...rest } = snapshot;
  return {
    ...rest,
    hidden: [...(snapshot.hidden ?? []), ...dismissed.map((finding) => ({ finding, reason: 'dismissed' as const }))],
  };
}

/** A review that was streaming when the window closed shows what had arrived, marked as interrupted. */
function markInterrupted(snapshot: ReviewSnapshot): void {
  snapshot.done ??= {
    status: 'cancelled',
    message: 'Interrupted: the window closed while this review ran. Partial text is shown.',
  };
  for (const s of Object.values(snapshot.state))
    if (s.status === 'streaming' || s.status === 'queued' || s.status === 'waiting') s.status = 'cancelled';
}

export async function exportReview(parts: ReviewParts, reviewId?: string): Promise<void> {
  const history = parts.history.list();
  const snapshot =
    (reviewId && (parts.sessions.get(reviewId)?.snapshot ?? history.find((r) => r.reviewId === reviewId))) ||
    parts.sessions.withPanels().at(-1)?.snapshot ||
    history[0];
  if (!snapshot) {
    void vscode.window.showInformationMessage('There is no review to export yet.');
    return;
  }
  const { shown, hidden } = presentFindings(snapshot, parts.findings);
  const markdown = findingsToMarkdown({
    title: snapshot.title,
    date: new Date(snapshot.startedAt),
    targets: snapshot.targets,
    findings: shown,
    ...(hidden.length && { hidden }),
    expertResults: expertResultsOf(snapshot),
    excluded: snapshot.excluded.map((e) => ({ path: e.path, reason: e.reason as never, detail: e.detail ?? '' })),
    ...(snapshot.excludedCounts && { excludedTotal: snapshot.excludedCounts.total }),
    ...(snapshot.cost && { usageLine: costLine(snapshot.cost) }),
    ...(snapshot.rules && rulesForExport(snapshot.rules)),
  });
  const doc = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: redact(markdown, parts.services.keys.known()),
  });
  await vscode.window.showTextDocument(doc, { preview: false });
}

/** Each expert's lane as the export's appendix: its raw answer, and why it did not finish. */
function expertResultsOf(snapshot: ReviewSnapshot): ExpertResult[] {
  return snapshot.sections
    .filter((s) => s.id !== SYNTHESIS_ID && s.id !== VERIFICATION_ID)
    .map((s) => {
      const state = snapshot.state[s.id];
      const r: ExpertResult = {
        expertId: s.id,
        expertName: s.title,
        summary: '',
        findings: [],
        rawText: state?.raw ?? '',
      };
      if (state && state.status !== 'done') r.error = state.note ?? state.status;
      return r;
    });
}

/** The export's rules section from what the panel shows. */
function rulesForExport(rules: RulesView): { rules: ExportedRules; suppressedByRules: SuppressedByRule[] } {
  return {
    rules,
    suppressedByRules: [
      ...rules.files.filter((f) => f.suppressed).map((f) => ({ file: f.path, count: f.suppressed })),
      ...(rules.suppressedElsewhere ? [{ file: '', count: rules.suppressedElsewhere }] : []),
    ],
  };
}
