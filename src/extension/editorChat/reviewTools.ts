// Our reviewers as language-model tools (contributes.languageModelTools): agent mode, `#experts` in
// a prompt, or any extension through vscode.lm.invokeTool. A tool's review is the right-click
// review (panel, Problems, history, cost) and returns its findings as structured data.
import * as vscode from 'vscode';
import { redact } from '../../core';
import { expertsNamed, formatEstimate, localEstimate, toolFindings, type ExpertDefinition } from '../../review';
import { readSettings } from '../config';
import { costLine, toCostView } from '../costView';
import { estimateShape } from '../budget/pickerEstimate';
import { loadExperts, rememberedExperts } from '../review/expertCatalog';
import { resolveGitScope } from '../review/gitScopePicks';
import type { ReviewController } from '../review/reviewController';
import type { ResolvedTarget } from '../review/reviewTargets';
import type { Services } from '../services';
import { targetFor, uriForPath } from './chatTargets';
import { EXPERT_TOOL, type ReviewToolInput } from './toolNames';

/** Rough tokens per byte of source, for the estimate before anything is read. */
const BYTES_PER_TOKEN = 4;

export class ReviewTools {
  constructor(
    private readonly services: Services,
    private readonly review: () => Promise<ReviewController>,
  ) {}

  /** Says what will be sent, to which experts, and the estimate the review panel would show, before the user confirms. */
  async prepare(tool: string, input: ReviewToolInput): Promise<vscode.PreparedToolInvocation> {
    const settings = readSettings();
    const experts = await this.experts(tool, input);
    const { what, bytes } = await this.describe(input);
    const contextTokens = Math.min(settings.contextTokenBudget, Math.ceil(bytes / BYTES_PER_TOKEN));
    const estimate = localEstimate(contextTokens, estimateShape(experts, settings));
    const names = experts.map((e) => e.name);
    const who = names.length === 1 ? `the ${names[0]} expert` : `${names.length} experts (${names.join(', ')})`;
    return {
      invocationMessage: `Reviewing ${what} with ${who}`,
      confirmationMessages: {
        title: 'Send code to Anthropic for review?',
        message: new vscode.MarkdownString(
          `${what} will be sent to Anthropic for ${who} with ${settings.model}, after the content policy leaves out secrets and ignored files. Estimate: ${formatEstimate(estimate)}.`,
        ),
      },
    };
  }

  async invoke(
    tool: string,
    input: ReviewToolInput,
    token: vscode.CancellationToken,
  ): Promise<vscode.LanguageModelToolResult> {
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      if (tool === EXPERT_TOOL && !input.expert) throw new Error('Name the expert to run ("expert").');
      const resolved = await this.resolve(input);
      if (!resolved) throw new Error('There are no uncommitted changes to review.');
      const controller = await this.review();
      const { result } = await controller.reviewResolved(resolved, {
        signal: abort.signal,
        ...(tool === EXPERT_TOOL && input.expert && { experts: [input.expert] }),
      });
      if (result.kind === 'stopped') throw new Error(result.message);
      const { record } = result;
      const out = toolFindings({
        status: record.status,
        reviewed: record.reviewedFiles,
        findings: record.findings,
        cost: costLine(toCostView(record.usage, record.cost)),
        ...(record.message && { message: redact(record.message, this.services.keys.known()) }),
      });
      return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(JSON.stringify(out))]);
    } finally {
      cancel.dispose();
    }
  }

  private async resolve(input: ReviewToolInput): Promise<ResolvedTarget | undefined> {
    if (input.diff?.trim()) {
      const root = vscode.workspace.workspaceFolders?.[0]?.uri;
      if (!root) throw new Error('Open a workspace folder to review a diff.');
      return { root, target: { kind: 'diff', diffText: input.diff }, title: 'Diff' };
    }
    if (input.changes) return resolveGitScope('uncommitted', [], this.services.context.workspaceState);
    return targetFor((input.files ?? []).map(uriForPath));
  }

  private async experts(tool: string, input: ReviewToolInput): Promise<ExpertDefinition[]> {
    const catalog = await loadExperts(readSettings());
    if (tool === EXPERT_TOOL) return expertsNamed(catalog.all, input.expert ? [input.expert] : []);
    return rememberedExperts(this.services.context.workspaceState, catalog);
  }

  /** In words, and roughly how big, without reading file contents. */
  private async describe(input: ReviewToolInput): Promise<{ what: string; bytes: number }> {
    if (input.diff?.trim()) return { what: 'the given diff', bytes: input.diff.length };
    if (input.changes) return { what: 'the uncommitted changes', bytes: 0 };
    const uris = (input.files ?? []).map(uriForPath);
    if (!uris.length) {
      const doc = vscode.window.activeTextEditor?.document;
      return {
        what: doc ? vscode.workspace.asRelativePath(doc.uri) : 'the active editor',
        bytes: doc?.getText().length ?? 0,
      };
    }
    let bytes = 0;
    for (const uri of uris)
      bytes += await vscode.workspace.fs.stat(uri).then(
        (s) => s.size,
        () => 0,
      );
    const names = uris.map((u) => vscode.workspace.asRelativePath(u));
    return {
      what: names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', '),
      bytes,
    };
  }
}
