// The expert picker's estimate for the file in the active editor: local token counts (no key is
// asked for just to pick experts) of the block a review of that file sends, through the same cost
// model as the review's own estimate (review/pipeline/estimate.ts), which counts with the API's
// count_tokens before it runs. Only the project's rules files, read by the review, are not counted here.
import * as vscode from 'vscode';
import { fileBlockText, formatEstimate, localEstimate, type EstimateShape, type ExpertDefinition } from '../../review';
import { priceTable } from '../prices';
import type { Settings } from '../settingsSchema';

/** What shapes a review's cost, from the settings the review will run with: every estimate takes it. */
export function estimateShape(experts: readonly ExpertDefinition[], settings: Settings): EstimateShape {
  return {
    experts,
    model: settings.model,
    maxTokens: settings.maxTokens,
    synthesis: settings.synthesis,
    verify: settings['review.verify'],
    cacheTtl: settings.cacheTtl,
    prices: priceTable(settings),
  };
}

/** "For src/app.ts: 3 experts · ~2k tokens · ≈ $0.03–0.07", or undefined without a file or an expert. */
export function pickerEstimate(experts: readonly ExpertDefinition[], settings: Settings): string | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || experts.length === 0) return undefined;
  const path = vscode.workspace.asRelativePath(editor.document.uri);
  const estimate = localEstimate(fileBlockText(path, editor.document.getText()), estimateShape(experts, settings));
  return `For ${path}: ${formatEstimate(estimate)}`;
}
