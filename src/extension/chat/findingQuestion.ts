// "Ask about this finding" (Problems, the review panel, a comment thread): its argument, checked, and
// the question it puts into the chat's composer (chat/findingDraft).
import * as vscode from 'vscode';

/** The argument of `claudeMultiAgent.askAboutFinding` (review/findingsDiagnostics.ts builds it). */
export interface FindingQuestion {
  /** A URI string (as the review sends it), a vscode.Uri, or an absolute or workspace-relative path. */
  file: string | vscode.Uri;
  startLine: number;
  endLine: number;
  title: string;
  explanation: string;
}

export function isFindingQuestion(value: unknown): value is FindingQuestion {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (typeof v['file'] === 'string' || v['file'] instanceof vscode.Uri) &&
    Number.isInteger(v['startLine']) &&
    Number.isInteger(v['endLine']) &&
    typeof v['title'] === 'string' &&
    typeof v['explanation'] === 'string'
  );
}

/** The finding in plain words, then the question (the composer is plain text): see chat/findingDraft. */
export { findingDraft } from '../../chat';
