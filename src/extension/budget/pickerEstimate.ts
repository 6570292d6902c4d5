// The expert picker's estimate for the file in the active editor: local token counts (no key is
// asked for just to pick experts), the fan-out's cache economics and the price table. The review
// itself counts with the API's count_tokens before it runs (review/pipeline/estimate.ts).
import * as vscode from 'vscode';
import { formatEstimate, localEstimate, type ExpertDefinition } from '../../review';
import { priceTable } from '../prices';
import type { Settings } from '../settingsSchema';

/** "For src/app.ts: 3 experts · ~2k tokens · ≈ $0.03–0.07", or undefined without a file or an expert. */
export function pickerEstimate(experts: readonly ExpertDefinition[], settings: Settings): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || experts.length === 0) return undefined;
  const estimate = localEstimate(editor.document.getText(), experts, settings.model, priceTable(settings));
  return `For ${vscode.workspace.asRelativePath(editor.document.uri)}: ${formatEstimate(estimate)}`;
}
