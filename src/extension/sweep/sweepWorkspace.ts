// "Sweep workspace (batch)…": the CLI's `sweep --batch` in the editor, over the same saved state (in
// the user's cache folder, keyed by the folder and the sweep), so either can resume the other's batch
// of the same sweep. The batch's progress is a notification; after a reload, activation finds the
// pending state and resumes the notification where it was. The findings then go where a review's go
// (sweepSession.ts): a panel, Problems, comment threads, history.
import * as vscode from 'vscode';
import { BATCH_PRICE_FACTOR, findPrice, formatUsd } from '../../core';
import { sweepCacheFolder } from '../../node/cacheFolder';
import { sweepStateFolder } from '../../node/sweepStateFile';
import { runSweep, type SweepProgress } from '../../review';
import { readSettings } from '../config';
import { connect } from '../connection';
import { policyInputs } from '../policy/policyInputs';
import { priceTable } from '../prices';
import { loadExperts, rememberedExperts } from '../review/expertCatalog';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import type { Services } from '../services';
import type { ReviewController } from '../review/reviewController';
import { reviewSettingsOf } from '../review/pipelineInput';

const POLL_MS = 30_000;

class NotConfirmed extends Error {}

function describe(p: SweepProgress): string {
  switch (p.type) {
    case 'gathered':
      return `${p.files} files in ${p.groups} group${p.groups === 1 ? '' : 's'}: ${p.requests} requests…`;
    case 'created':
      return 'Batch submitted; results usually arrive within an hour (you can close VS Code meanwhile).';
    case 'resumed':
      return 'Waiting for the batch submitted earlier…';
    case 'changed':
      return `${p.files.length} file${p.files.length === 1 ? '' : 's'} changed since the batch was submitted; its findings describe them as they were then.`;
    case 'answered':
      return `${p.done} of ${p.total} requests answered (full price).`;
    case 'polled': {
      const c = p.batch.request_counts;
      const done = c.succeeded + c.errored + c.canceled + c.expired;
      return `${done} of ${done + c.processing} requests answered.`;
    }
  }
}

/**
 * Starts a sweep, or (`resumeOnly`) picks up the pending one after a reload. `review`: the review
 * feature, which shows the findings. Resolves once they are shown (or the sweep stopped).
 */
export async function sweepWorkspace(
  services: Services,
  review: () => Promise<ReviewController>,
  resumeOnly = false,
): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') {
    if (!resumeOnly) void vscode.window.showErrorMessage('A workspace sweep needs a folder on disk.');
    return;
  }
  if (!vscode.workspace.isTrusted) {
    if (!resumeOnly)
      void vscode.window.showErrorMessage(
        'A workspace sweep reads the whole folder: trust this workspace first (Manage Workspace Trust).',
      );
    return;
  }
  const state = sweepStateFolder(sweepCacheFolder(folder.uri.fsPath));
  const pending = resumeOnly ? (await state.pending().catch(() => []))[0] : undefined;
  if (resumeOnly && !pending) return;

  const settings = readSettings();
  const client = await connect(services.keys, settings);
  if (!client) return;
  // Bedrock and Vertex have no Message Batches: say so, and offer the same requests at full price.
  let interactive = false;
  if (client.provider && !client.provider.capabilities.batches) {
    if (resumeOnly) return;
    const go = await vscode.window.showWarningMessage(
      `A workspace sweep runs through the Anthropic API's Message Batches at half price; ${client.provider.label} has none.`,
      {
        modal: true,
        detail:
          'It can send the same requests one by one instead, at full price (twice the batch price; each group is cached once and read by the other experts). It cannot be resumed after a reload.',
      },
      'Sweep at full price',
    );
    if (go !== 'Sweep at full price') return;
    interactive = true;
  }
  const catalog = await loadExperts(settings);
  const experts = rememberedExperts(services.context.workspaceState, catalog);
  if (!experts.length) return void vscode.window.showWarningMessage('No experts are selected for this workspace.');
  const prices = priceTable(settings);
  // The same policy inputs as the review, chat and delegation: files.exclude and the global git excludes.
  const inputs = await policyInputs(folder.uri);

  await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: 'Claude Multi-Agent: workspace sweep (batch)',
      cancellable: true,
    },
    async (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      try {
        const outcome = await runSweep({
          paths: ['.'],
          title: `Sweep: ${folder.name}`,
          files: {
            fs: vscodeWorkspaceFs,
            root: folder.uri.fsPath,
            ...inputs,
            // The project's rules files go before the code, as in a review; sweeps run in trusted folders only.
            trusted: vscode.workspace.isTrusted,
          },
          experts,
          client,
          // The review's settings as a review takes them (the rules files to read among them).
          settings: { ...reviewSettingsOf(settings), prices },
          state,
          ...(pending && { resume: pending }),
          pollMs: POLL_MS,
          signal: abort.signal,
          logger: services.logger,
          interactive,
          onProgress: (p) => progress.report({ message: describe(p) }),
          beforeCreate: async (p) => {
            if (interactive) return; // already asked, at full price
            const price = findPrice(settings.model, prices);
            const floor = price
              ? formatUsd(((p.inputTokens * price.input) / 1e6) * BATCH_PRICE_FACTOR)
              : 'an unknown amount';
            const go = await vscode.window.showInformationMessage(
              `Sweep ${p.files} files in ${p.groups} group${p.groups === 1 ? '' : 's'} with ${experts.length} experts: ${p.requests} requests in one batch, at half price (input alone about ${floor}).`,
              { modal: true },
              'Submit batch',
            );
            if (go !== 'Submit batch') throw new NotConfirmed();
          },
        });
        // Its findings go where a review's go: a panel, Problems and comment threads (Export review as
        // Markdown writes the report). The saved batch is let go only once they are shown.
        await (
          await review()
        ).showSweep(
          outcome,
          folder.uri,
          interactive ? 'at full price (no batches on this provider)' : 'at the batch price',
        );
        if (!interactive) await state.clear(outcome.key);
      } catch (err) {
        if (err instanceof NotConfirmed) return;
        if (abort.signal.aborted) {
          void vscode.window.showInformationMessage(
            'Stopped watching the sweep. Its batch keeps running; run "Sweep workspace (batch)…" again, or reload, to collect the results.',
          );
          return;
        }
        services.logger.error(`Workspace sweep failed: ${err instanceof Error ? err.message : String(err)}`);
        void vscode.window.showErrorMessage(
          `Workspace sweep failed: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    },
  );
}
