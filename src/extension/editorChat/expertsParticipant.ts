// The `@experts` participant in the editor's own chat: /review, /changes, /delegate and follow-up
// questions in a file's thread. Reviews run through the review controller like the right-click
// review (panel, Problems, history, cost); this only mirrors the pipeline's events into the chat.
// It never uses `request.model`: every request goes to Anthropic through our own client.
import * as vscode from 'vscode';
import { redact } from '../../core';
import { expertMarkdown, findingsListMarkdown, SYNTHESIS_ID, type ReviewEvent } from '../../review';
import { followUpChat } from '../chat/registerChat';
import { costLine, toCostView } from '../costView';
import { resolveGitScope } from '../review/gitScopePicks';
import type { ReviewController } from '../review/reviewController';
import { TargetError, type ResolvedTarget } from '../review/reviewTargets';
import type { Services } from '../services';
import { referencedUris, targetFor } from './chatTargets';
import type { ExpertsMetadata } from './followups';

export class ExpertsParticipant {
  constructor(
    private readonly services: Services,
    private readonly review: () => Promise<ReviewController>,
  ) {}

  async handle(
    request: vscode.ChatRequest,
    context: vscode.ChatContext,
    stream: vscode.ChatResponseStream,
    token: vscode.CancellationToken,
  ): Promise<vscode.ChatResult> {
    // Stop in the chat aborts every request of this turn.
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    if (token.isCancellationRequested) abort.abort();
    try {
      switch (request.command) {
        case 'review':
          return await this.runReview(
            () => Promise.resolve(targetFor(referencedUris(request.references))),
            stream,
            abort.signal,
          );
        case 'changes':
          return await this.runReview(
            () => resolveGitScope('uncommitted', [], this.services.context.workspaceState),
            stream,
            abort.signal,
          );
        case 'delegate':
          return await this.delegate(request.prompt, stream);
        default:
          return await this.followUp(request, context, stream, abort.signal);
      }
    } catch (err) {
      const message = this.clean(err instanceof Error ? err.message : String(err));
      if (!(err instanceof TargetError)) this.services.logger.error(`@experts: ${message}`);
      return { errorDetails: { message } };
    } finally {
      cancel.dispose();
    }
  }

  private async runReview(
    resolve: () => Promise<ResolvedTarget | undefined>,
    stream: vscode.ChatResponseStream,
    signal: AbortSignal,
  ): Promise<vscode.ChatResult> {
    const resolved = await resolve();
    if (!resolved) return { errorDetails: { message: 'There is nothing to review.' } };
    stream.progress(`Preparing the review of ${resolved.title}…`);
    const controller = await this.review();
    const names = new Map<string, string>();
    const { result } = await controller.reviewResolved(resolved, {
      signal,
      onEvent: (event) => this.mirror(event, resolved, names, stream),
    });
    if (result.kind === 'stopped') return { errorDetails: { message: result.message } };
    const { record, outcome } = result;
    for (const run of outcome.experts) {
      stream.markdown(
        expertMarkdown({
          name: run.expert.name,
          status: run.status,
          summary: run.result.summary,
          findings: run.result.findings,
          ...(run.result.error && { error: this.clean(run.result.error) }),
        }),
      );
    }
    stream.markdown(
      `### ${outcome.experts.length > 1 ? 'Synthesis' : 'Findings'}\n\n${outcome.merged.summary ? `${this.clean(outcome.merged.summary)}\n\n` : ''}`,
    );
    stream.markdown(findingsListMarkdown(record.findings));
    stream.markdown(`\n_${costLine(toCostView(record.usage, record.cost))}_\n`);
    if (record.message) stream.markdown(`\n> ${this.clean(record.message)}\n`);
    stream.button({
      command: 'claudeMultiAgent.reopenReview',
      title: 'Open review panel',
      arguments: [record.reviewId],
    });
    const fixable = record.findings.find((f) => f.suggestedFix);
    if (fixable && record.status === 'completed') {
      stream.button({
        command: 'claudeMultiAgent.applyFix',
        title: 'Apply fix',
        arguments: [vscode.Uri.joinPath(resolved.root, fixable.file), fixable.id],
      });
    }
    const first = record.reviewedFiles[0];
    const metadata: ExpertsMetadata = {
      reviewId: record.reviewId,
      ...(first && { file: vscode.Uri.joinPath(resolved.root, first).toString() }),
    };
    return { metadata };
  }

  /** The pipeline's events as chat progress: one line per expert as it moves on, the files as references. */
  private mirror(
    event: ReviewEvent,
    resolved: ResolvedTarget,
    names: Map<string, string>,
    stream: vscode.ChatResponseStream,
  ): void {
    switch (event.type) {
      case 'planned': {
        for (const e of event.plan.experts) names.set(e.id, e.name);
        const { contextTokens, requests } = event.plan.estimate;
        stream.progress(
          `${event.plan.experts.length} experts over about ${contextTokens} tokens of code (${requests} requests)`,
        );
        for (const file of event.plan.reviewedFiles) stream.reference(vscode.Uri.joinPath(resolved.root, file));
        if (event.plan.experts.length > 1)
          stream.button({
            command: 'claudeMultiAgent.stopExpert',
            title: 'Stop one expert…',
            arguments: [event.plan.reviewId],
          });
        break;
      }
      case 'status': {
        if (event.status === 'queued' || event.status === 'waiting') break;
        const name = event.sectionId === SYNTHESIS_ID ? 'Synthesis' : (names.get(event.sectionId) ?? event.sectionId);
        stream.progress(`${name}: ${event.status}${event.note ? ` (${this.clean(event.note)})` : ''}`);
        break;
      }
      default:
        break;
    }
  }

  private async delegate(task: string, stream: vscode.ChatResponseStream): Promise<vscode.ChatResult> {
    if (task.trim().length < 3)
      return {
        errorDetails: { message: 'Describe the task after /delegate, e.g. "/delegate add tests for the parser".' },
      };
    stream.progress('Planning subtasks…');
    stream.markdown(
      'The task is split into subtasks you can review before they run; progress and the integrated result show in the delegation panel.\n',
    );
    await vscode.commands.executeCommand('claudeMultiAgent.delegate', task.trim());
    return {};
  }

  /** A plain question continues the thread of the referenced file, the last reviewed one, or the active editor's. */
  private async followUp(
    request: vscode.ChatRequest,
    context: vscode.ChatContext,
    stream: vscode.ChatResponseStream,
    signal: AbortSignal,
  ): Promise<vscode.ChatResult> {
    const uri =
      referencedUris(request.references)[0] ?? lastFile(context) ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri)
      return {
        errorDetails: {
          message: 'Open a file, reference one with #file, or run /review first: each file has its own thread.',
        },
      };
    if (!request.prompt.trim()) return { errorDetails: { message: 'Ask a question about the file.' } };
    stream.reference(uri);
    let ended: { status: string; note?: string } | undefined;
    const chat = await followUpChat();
    await chat.askInThread(request.prompt, uri, {
      signal,
      onText: (chunk) => stream.markdown(chunk),
      onDone: (status, note) => (ended = note === undefined ? { status } : { status, note }),
    });
    if (ended?.status === 'failed')
      return {
        errorDetails: { message: ended.note ?? 'The question could not be answered.' },
        metadata: { file: uri.toString() },
      };
    if (ended?.note) stream.markdown(`\n\n_${ended.note}_`);
    return { metadata: { file: uri.toString() } satisfies ExpertsMetadata };
  }

  private clean(text: string): string {
    return redact(text, this.services.keys.known());
  }
}

/** The file of the newest earlier reply of ours in this chat, if any. */
function lastFile(context: vscode.ChatContext): vscode.Uri | undefined {
  for (let i = context.history.length - 1; i >= 0; i--) {
    const turn = context.history[i];
    if (!(turn instanceof vscode.ChatResponseTurn)) continue;
    const file = (turn.result.metadata as ExpertsMetadata | undefined)?.file;
    if (typeof file === 'string') return vscode.Uri.parse(file);
  }
  return undefined;
}
