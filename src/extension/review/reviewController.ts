import * as vscode from 'vscode';
import { createLimiter, redact, type LimitFunction } from '../../core';
import { gatherContext, gatherProgressMessage, leftOutLogText, NothingToReviewError, summariseLeftOut, type GatheredContext, type ReviewTarget } from '../../review/context';
import { findingsToMarkdown, type ExpertResult } from '../../review/findings';
import { runReview, SYNTHESIS_ID, type ReviewOutcome } from '../../review/runReview';
import { isSafeLink, type ReviewWebviewMessage } from '../../shared/protocol';
import { readSettings } from '../config';
import { connect, isSimulated } from '../connection';
import type { Services } from '../services';
import type { Settings } from '../settingsSchema';
import { costLine, toCostView } from '../costView';
import { priceTable } from '../prices';
import { CostStatusBar } from './costStatusBar';
import { ExpertChannels } from './expertChannels';
import { loadExperts, pickExperts, rememberedExperts } from './expertCatalog';
import { FindingsDiagnostics, findingQuestion, findingRange, fixEdit } from './findingsDiagnostics';
import { uncommittedDiff } from './gitChanges';
import { ReviewHistory } from './reviewHistory';
import type { ReviewCommand } from './reviewCommands';
import { ReviewPanel } from './reviewPanel';
import type { ReviewSnapshot } from './reviewSnapshot';
import { assertAllowedInRestrictedMode, resolveReviewTarget, TargetError, type ResolvedTarget } from './reviewTargets';
import { vscodeWorkspaceFs } from './workspaceFsAdapter';

/** The multi-expert review feature: commands, panels, diagnostics, history and cost. */
export class ReviewController implements vscode.Disposable {
  private readonly diagnostics = new FindingsDiagnostics();
  private readonly channels = new ExpertChannels();
  private readonly statusBar = new CostStatusBar();
  private readonly history: ReviewHistory;
  private readonly panels = new Map<string, ReviewPanel>();
  private readonly running = new Map<string, AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  /** One limit for every review running at once: maxConcurrency is never exceeded, however many are queued. */
  private limiter: LimitFunction | undefined;

  constructor(private readonly services: Services) {
    this.history = new ReviewHistory(services.context.workspaceState, services.logger, (m) => void vscode.window.showWarningMessage(m));
    this.disposables.push(this.diagnostics, this.channels, this.statusBar, this.history);
  }

  /** Runs one of REVIEW_COMMANDS (extension.ts registers them and loads this module on first use). */
  async run(command: ReviewCommand, args: unknown[]): Promise<unknown> {
    const [a, b] = args;
    switch (command) {
      case 'claudeMultiAgent.review':
        return this.reviewFromCommand(a, b);
      case 'claudeMultiAgent.reviewChanges':
        return this.reviewChanges(a);
      case 'claudeMultiAgent.clearFindings':
        return this.diagnostics.clear();
      case 'claudeMultiAgent.selectExperts':
        return pickExperts(this.services.context.workspaceState, await loadExperts(readSettings()));
      case 'claudeMultiAgent.reopenReview':
        return this.reopen(typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.exportReview':
        return this.export(typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.applyFix':
        return this.applyFix(a, b);
    }
  }

  /** Runs the review command; resolves when the review has finished (tests await this). */
  async reviewFromCommand(clicked?: unknown, selected?: unknown): Promise<ReviewSnapshot | undefined> {
    let resolved: ResolvedTarget;
    try {
      resolved = resolveReviewTarget(clicked, selected);
      await assertAllowedInRestrictedMode(resolved.target);
    } catch (err) {
      void vscode.window.showWarningMessage((err as Error).message);
      if (!(err instanceof TargetError)) this.services.logger.error(String(err));
      return undefined;
    }
    return this.start(resolved);
  }

  private async reviewChanges(scm?: unknown): Promise<ReviewSnapshot | undefined> {
    const scmRoot = (scm as { rootUri?: unknown } | undefined)?.rootUri;
    const root = scmRoot instanceof vscode.Uri ? scmRoot : vscode.workspace.workspaceFolders?.[0]?.uri;
    if (!root) {
      void vscode.window.showWarningMessage('Open a folder under git to review its uncommitted changes.');
      return undefined;
    }
    let diffText: string;
    try {
      diffText = await uncommittedDiff(root.fsPath);
    } catch (err) {
      void vscode.window.showWarningMessage((err as Error).message);
      return undefined;
    }
    if (!diffText.trim()) {
      void vscode.window.showInformationMessage('There are no uncommitted changes to review.');
      return undefined;
    }
    return this.start({ root, target: { kind: 'diff', diffText }, title: 'Uncommitted changes' });
  }

  private async start(resolved: ResolvedTarget): Promise<ReviewSnapshot | undefined> {
    const settings = readSettings();
    const catalog = await loadExperts(settings);
    if (catalog.problems.length) {
      for (const p of catalog.problems) this.services.logger.warn(`Expert definition ${p.source}: ${p.reason}`);
      const detail = catalog.problems.map((p) => `${p.source}: ${p.reason}`).join('\n');
      void vscode.window.showWarningMessage(`${catalog.problems.length} expert definition(s) could not be loaded; the others run.`, { detail }, 'Show log').then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.action.output.show.claudeMultiAgent');
      });
    }
    const experts = rememberedExperts(this.services.context.workspaceState, catalog);
    if (!experts.length) {
      const choice = await vscode.window.showWarningMessage('No experts are selected for this workspace.', 'Choose experts…');
      if (choice) await vscode.commands.executeCommand('claudeMultiAgent.selectExperts');
      return undefined;
    }
    const client = await connect(this.services.keys, settings);
    if (!client) return undefined;

    const context = await this.gather(resolved, settings);
    if (!context) return undefined;

    const reviewId = `review-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const sections = experts.map((e) => ({ id: e.id, title: e.name }));
    const leftOut = summariseLeftOut(context.excluded);
    if (settings.synthesis) sections.push({ id: SYNTHESIS_ID, title: 'Synthesis' });
    const snapshot: ReviewSnapshot = {
      reviewId,
      title: `Review: ${resolved.title}`,
      rootUri: resolved.root.toString(),
      targets: describeTargets(context),
      reviewedFiles: [...new Set(context.files.map((f) => f.path))],
      sections,
      excluded: leftOut.shown.map((e) => ({ path: e.path, reason: e.reason, detail: e.detail })),
      excludedCounts: { total: leftOut.total, byReason: leftOut.byReason },
      simulated: isSimulated(),
      startedAt: new Date().toISOString(),
      state: {},
      findings: [],
      dropped: 0,
    };
    const panel = this.openPanel(snapshot);
    // The full list is written once, here; the stored review keeps only counts and the first paths.
    if (context.excluded.length) this.services.logger.info(leftOutLogText(resolved.title, context.excluded));

    const abort = new AbortController();
    this.running.set(reviewId, abort);
    const channelFor = new Map(experts.map((e) => [e.id, this.channels.get(e.name)]));
    for (const [, channel] of channelFor) channel.appendLine(`\n── ${snapshot.title} · ${new Date().toLocaleString()} ──`);
    const names = new Map(experts.map((e) => [e.id, e.name]));

    try {
      const outcome = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Multi-expert review of ${resolved.title}`, cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          let done = 0;
          progress.report({ message: `0 of ${experts.length} experts done` });
          return runReview({
            context,
            experts,
            client,
            model: settings.model,
            maxTokens: settings.maxTokens,
            maxWorkers: settings.maxConcurrency,
            limiter: this.sharedLimiter(settings.maxConcurrency),
            strategy: settings.fanOutStrategy,
            synthesis: settings.synthesis,
            signal: abort.signal,
            logger: this.services.logger,
            prices: priceTable(settings),
            events: {
              status: (id, status, note) => {
                panel.setStatus(id, status, note);
                const channel = channelFor.get(id);
                if (status === 'waiting' && note) progress.report({ message: `${names.get(id) ?? id}: ${note}` });
                if ((status === 'done' || status === 'failed' || status === 'cancelled') && channel) {
                  done++;
                  channel.appendLine(`\n[${status}${note ? `: ${note}` : ''}]`);
                  progress.report({ message: `${done} of ${experts.length} experts done`, increment: 100 / experts.length });
                }
                if (id === SYNTHESIS_ID && status === 'streaming') progress.report({ message: 'Synthesising findings…' });
                void this.history.save(snapshot);
              },
              text: (id, chunk) => {
                panel.append(id, chunk);
                channelFor.get(id)?.append(chunk);
              },
            },
          });
        },
      );
      await this.finish(snapshot, panel, outcome, resolved.root);
      return snapshot;
    } finally {
      this.running.delete(reviewId);
    }
  }

  private sharedLimiter(concurrency: number): LimitFunction {
    this.limiter ??= createLimiter(concurrency);
    this.limiter.concurrency = concurrency;
    return this.limiter;
  }

  private async gather(resolved: ResolvedTarget, settings: Settings): Promise<GatheredContext | undefined> {
    const filesExclude = Object.entries(vscode.workspace.getConfiguration('files', resolved.root).get<Record<string, boolean>>('exclude') ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
    const abort = new AbortController();
    try {
      return await vscode.window.withProgress(
        // Its own notification: gathering a big or remote workspace takes a while and can be cancelled.
        { location: vscode.ProgressLocation.Notification, title: `Preparing review of ${resolved.title}`, cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => abort.abort());
          progress.report({ message: 'Gathering files…' });
          return gatherContext({
            fs: vscodeWorkspaceFs,
            workspaceRoot: resolved.root.fsPath,
            target: resolved.target,
            budgetTokens: settings.contextTokenBudget,
            filesExclude,
            extraExclude: settings.exclude,
            signal: abort.signal,
            onProgress: (p) => progress.report({ message: gatherProgressMessage(p) }),
          });
        },
      );
    } catch (err) {
      if (abort.signal.aborted) return undefined;
      if (err instanceof NothingToReviewError) {
        const choice = await vscode.window.showWarningMessage(err.message, 'Open settings');
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent');
      } else {
        void vscode.window.showErrorMessage(`Could not read the code to review: ${(err as Error).message}`);
      }
      return undefined;
    }
  }

  private async finish(snapshot: ReviewSnapshot, panel: ReviewPanel, outcome: ReviewOutcome, root: vscode.Uri): Promise<void> {
    snapshot.findings = outcome.merged.findings;
    snapshot.dropped = outcome.dropped.length;
    snapshot.cost = toCostView(outcome.usage, outcome.cost);
    snapshot.done = outcome.message ? { status: outcome.status, message: outcome.message } : { status: outcome.status };
    panel.showFindings();
    panel.showCost();
    panel.showDone();
    // A cancelled or failed run says nothing new about the code: keep the last finished review's findings.
    if (outcome.status === 'completed') await this.diagnostics.show(root, snapshot.reviewedFiles, snapshot.findings);
    this.statusBar.show(snapshot.cost, false);
    for (const run of outcome.experts) {
      const channel = this.channels.get(run.expert.name);
      channel.appendLine(`\n${run.result.findings.length} finding(s)${run.result.summary ? `: ${run.result.summary}` : ''}`);
      for (const f of run.result.findings) channel.appendLine(`  ${f.severity.toUpperCase()} ${f.file}:${f.startLine} ${f.title}`);
    }
    this.services.logger.info(`${snapshot.title}: ${outcome.status}; ${snapshot.findings.length} findings; ${costLine(snapshot.cost)}`);
    await this.history.save(snapshot, true);

    if (outcome.status === 'cancelled') {
      void vscode.window.showInformationMessage('Review cancelled. What the experts had written is kept in the review panel.');
    } else if (outcome.message) {
      const kinds = new Set(outcome.experts.map((r) => r.errorKind).filter(Boolean));
      const actions = kinds.has('authentication') || kinds.has('missingKey') ? ['Set API key'] : kinds.has('notFound') ? ['Choose model'] : kinds.has('tooLarge') ? ['Lower context budget'] : [];
      const show = outcome.status === 'failed' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(outcome.message, ...actions).then((choice) => {
        if (choice === 'Set API key') void vscode.commands.executeCommand('claudeMultiAgent.setApiKey');
        if (choice === 'Choose model') void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.model');
        if (choice === 'Lower context budget') void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.contextTokenBudget');
      });
    }
  }

  private openPanel(snapshot: ReviewSnapshot): ReviewPanel {
    const existing = this.panels.get(snapshot.reviewId);
    if (existing?.visible) {
      existing.reveal();
      return existing;
    }
    const column = [...this.panels.values()].at(-1)?.column;
    const panel = new ReviewPanel(
      this.services.context.extensionUri,
      snapshot,
      (m, p) => void this.onPanelMessage(m, p),
      () => this.panels.delete(snapshot.reviewId),
      column,
    );
    this.panels.set(snapshot.reviewId, panel);
    return panel;
  }

  private async onPanelMessage(message: ReviewWebviewMessage, panel: ReviewPanel): Promise<void> {
    const snapshot = panel.snapshot;
    const root = vscode.Uri.parse(snapshot.rootUri);
    const finding = 'findingId' in message && message.findingId ? snapshot.findings.find((f) => f.id === message.findingId) : undefined;
    switch (message.type) {
      case 'cancel':
        this.running.get(snapshot.reviewId)?.abort();
        break;
      case 'openFinding':
        if (finding) {
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, finding.file));
          await vscode.window.showTextDocument(doc, { selection: findingRange(finding, doc), viewColumn: vscode.ViewColumn.One });
        }
        break;
      case 'applyFix':
        if (finding) await this.applyFix(vscode.Uri.joinPath(root, finding.file), finding.id, snapshot);
        break;
      case 'askFollowUp': {
        const target = finding ?? snapshot.findings[0];
        const uri = target ? vscode.Uri.joinPath(root, target.file) : undefined;
        await vscode.commands.executeCommand('claudeMultiAgent.askAboutFinding', uri && target ? findingQuestion(uri, target) : undefined);
        break;
      }
      case 'export':
        await this.export(snapshot.reviewId);
        break;
      case 'openLink':
        if (isSafeLink(message.href)) await vscode.env.openExternal(vscode.Uri.parse(message.href));
        break;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        break;
      case 'ready':
        break;
    }
  }

  private async applyFix(uri: unknown, findingId: unknown, snapshot?: ReviewSnapshot): Promise<void> {
    if (!(uri instanceof vscode.Uri) || typeof findingId !== 'string') return;
    const finding = snapshot?.findings.find((f) => f.id === findingId) ?? this.diagnostics.find(uri, findingId);
    if (!finding?.suggestedFix) {
      void vscode.window.showWarningMessage('This finding has no suggested fix.');
      return;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    if (!(await vscode.workspace.applyEdit(fixEdit(doc, finding)))) {
      void vscode.window.showErrorMessage('The fix could not be applied: the file may have changed since the review.');
      return;
    }
    await vscode.window.showTextDocument(doc, { selection: findingRange(finding.suggestedFix, doc) });
  }

  private async reopen(reviewId?: string): Promise<void> {
    const reviews = this.history.list();
    if (!reviews.length) {
      void vscode.window.showInformationMessage('No reviews yet in this workspace. Right-click code and choose "Multi-expert review".');
      return;
    }
    let snapshot = reviewId ? reviews.find((r) => r.reviewId === reviewId) : undefined;
    if (!snapshot) {
      const pick = await vscode.window.showQuickPick(
        reviews.map((r) => ({ label: r.title, description: new Date(r.startedAt).toLocaleString(), detail: `${r.findings.length} findings · ${r.done?.status ?? 'interrupted'}${r.cost ? ` · ${r.cost.cost}` : ''}`, r })),
        { title: 'Reopen a recent review' },
      );
      snapshot = pick?.r;
    }
    if (!snapshot) return;
    // A review that was streaming when the window closed shows what had arrived, marked as interrupted.
    snapshot.done ??= { status: 'cancelled', message: 'Interrupted: the window closed while this review ran. Partial text is shown.' };
    for (const s of Object.values(snapshot.state)) if (s.status === 'streaming' || s.status === 'queued' || s.status === 'waiting') s.status = 'cancelled';
    this.openPanel(snapshot).reveal();
  }

  private async export(reviewId?: string): Promise<void> {
    const snapshot = (reviewId && this.history.list().find((r) => r.reviewId === reviewId)) || [...this.panels.values()].at(-1)?.snapshot || this.history.list()[0];
    if (!snapshot) {
      void vscode.window.showInformationMessage('There is no review to export yet.');
      return;
    }
    const expertResults: ExpertResult[] = snapshot.sections
      .filter((s) => s.id !== SYNTHESIS_ID)
      .map((s) => {
        const state = snapshot.state[s.id];
        const r: ExpertResult = { expertId: s.id, expertName: s.title, summary: '', findings: [], rawText: state?.raw ?? '' };
        if (state && state.status !== 'done') r.error = state.note ?? state.status;
        return r;
      });
    const markdown = findingsToMarkdown({
      title: snapshot.title,
      date: new Date(snapshot.startedAt),
      targets: snapshot.targets,
      findings: snapshot.findings,
      expertResults,
      excluded: snapshot.excluded.map((e) => ({ path: e.path, reason: e.reason as never, detail: e.detail ?? '' })),
      ...(snapshot.excludedCounts && { excludedTotal: snapshot.excludedCounts.total }),
      ...(snapshot.cost && { usageLine: costLine(snapshot.cost) }),
    });
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: redact(markdown, this.services.keys.known()) });
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Aborts every running review (as each one's Cancel would). */
  cancelAll(): void {
    for (const a of this.running.values()) a.abort();
  }

  get runningCount(): number {
    return this.running.size;
  }

  dispose(): void {
    for (const a of this.running.values()) a.abort();
    for (const p of this.panels.values()) p.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function describeTargets(context: GatheredContext): string[] {
  const byFile = new Map<string, string[]>();
  for (const f of context.files) byFile.set(f.path, [...(byFile.get(f.path) ?? []), `${f.startLine}-${f.endLine}`]);
  return [...byFile].map(([file, ranges]) => `${file} (lines ${ranges.join(', ')})`);
}

export type { ReviewTarget };
