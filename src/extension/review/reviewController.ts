import * as vscode from 'vscode';
import { createLimiter, redact, type LimitFunction } from '../../core';
import {
  expertsNamed,
  findingsToMarkdown,
  isRulesKind,
  runMoreExperts,
  runReviewPipeline,
  SYNTHESIS_ID,
  VERIFICATION_ID,
  type ExpertDefinition,
  type ExpertProblem,
  type ExpertResult,
  type ExportedRules,
  type ReviewListener,
  type ReviewOutcome,
  type ReviewPipelineResult,
  type ReviewPlan,
  type ReviewRecord,
  type ReviewStopReason,
  type ReviewTarget,
  type RulesSettings,
  type SuppressedByRule,
} from '../../review';
import { staleFixReason } from '../../review';
import type { ReviewWebviewMessage, RulesView } from '../../shared/protocol';
import { readSettings } from '../config';
import { connect, isSimulated } from '../connection';
import type { Services } from '../services';
import type { Settings } from '../settingsSchema';
import { costLine, toCostView } from '../costView';
import { priceTable } from '../prices';
import { readGlobalGitExcludes } from '../../node/globalGitExcludes';
import { openModelLink } from '../webview/openLink';
import { CostStatusBar } from './costStatusBar';
import { confirmCost } from '../budget/confirmCost';
import { pickerEstimate } from '../budget/pickerEstimate';
import { DailySpend } from '../budget/dailySpend';
import { ExpertControlHub } from './expertControl';
import { toLaneCostView } from './laneCostView';
import { ExpertChannels } from './expertChannels';
import { loadExperts, pickExperts, rememberedExperts } from './expertCatalog';
import { documentLines, FindingsDiagnostics, findingQuestion, findingRange, fixEdit } from './findingsDiagnostics';
import { resolveGitScope, type ScopeKind } from './gitScopePicks';
import { ReviewHistory } from './reviewHistory';
import type { ReviewCommand } from './reviewCommands';
import { ReviewPanel } from './reviewPanel';
import { GatherNotification } from './gatherNotification';
import { ReviewProgress } from './reviewProgress';
import { toRulesView, type ReviewSnapshot } from './reviewSnapshot';
import { dismissFinding, type Dismissal } from './dismissFinding';
import { DismissalStore } from './dismissalStore';
import { textEdits } from './editTracking';
import { FindingThreads } from './findingThreads';
import { previousReviewOf, replyToThread, threadOf } from './threadActions';
import { assertAllowedInRestrictedMode, resolveReviewTarget, TargetError, type ResolvedTarget } from './reviewTargets';
import { vscodeWorkspaceFs } from './workspaceFsAdapter';
import { providerOfRun } from '../providerSettings';

/** What a caller other than the review commands (the editor's chat, a language-model tool) adds to a review. */
export interface ReviewRunOptions {
  /** Receives every pipeline event after the editor's own adapters have. */
  onEvent?: ReviewListener;
  /** Aborts the review as the panel's Cancel does. */
  signal?: AbortSignal;
  /** Only the experts with these ids or names, instead of the workspace's remembered choice. */
  experts?: readonly string[];
}

/** What the editor shows of one running review. */
interface ReviewView {
  snapshot: ReviewSnapshot;
  panel: ReviewPanel;
  progress: ReviewProgress;
  channelFor: Map<string, vscode.OutputChannel>;
  names: Map<string, string>;
}

/**
 * The multi-expert review in the editor: its commands, and the adapters through which the review
 * pipeline (review/pipeline/reviewPipeline.ts) reads the workspace and reaches panels, progress,
 * output channels, Problems, history and the status bar. It orchestrates nothing itself.
 */
export class ReviewController implements vscode.Disposable {
  private readonly diagnostics = new FindingsDiagnostics();
  private readonly threads = new FindingThreads();
  private readonly channels = new ExpertChannels();
  private readonly statusBar = new CostStatusBar();
  private readonly experts = new ExpertControlHub();
  private readonly spend: DailySpend;
  private readonly history: ReviewHistory;
  private readonly dismissals: DismissalStore;
  private readonly panels = new Map<string, ReviewPanel>();
  private readonly running = new Map<string, AbortController>();
  private readonly disposables: vscode.Disposable[] = [];
  /** One limit for every review running at once: maxConcurrency is never exceeded, however many are queued. */
  private limiter: LimitFunction | undefined;

  constructor(private readonly services: Services) {
    this.history = new ReviewHistory(
      services.context.workspaceState,
      services.logger,
      (m) => void vscode.window.showWarningMessage(m),
      () => services.keys.known(),
    );
    this.spend = new DailySpend(services.context.globalState);
    this.dismissals = new DismissalStore(services.context.workspaceState);
    this.disposables.push(
      this.diagnostics,
      this.threads,
      this.channels,
      this.statusBar,
      this.history,
      // Problems and threads move with the text; VS Code does not move them.
      vscode.workspace.onDidChangeTextDocument((event) => {
        const edits = textEdits(event);
        this.diagnostics.follow(event.document, edits);
        this.threads.follow(event.document, edits);
      }),
    );
  }

  /** Runs one of REVIEW_COMMANDS (extension.ts registers them and loads this module on first use). */
  async run(command: ReviewCommand, args: unknown[]): Promise<unknown> {
    const [a, b] = args;
    switch (command) {
      case 'claudeMultiAgent.review':
        return this.reviewFromCommand(a, b);
      case 'claudeMultiAgent.reviewChanges':
        return this.reviewGitScope('uncommitted', args);
      case 'claudeMultiAgent.reviewStaged':
        return this.reviewGitScope('staged', args);
      case 'claudeMultiAgent.reviewBranch':
        return this.reviewGitScope('base', args);
      case 'claudeMultiAgent.reviewCommit':
        return this.reviewGitScope('commit', args);
      case 'claudeMultiAgent.clearFindings':
        this.threads.clear();
        return this.diagnostics.clear();
      case 'claudeMultiAgent.selectExperts':
        return this.pickExpertsWithEstimate();
      case 'claudeMultiAgent.reopenReview':
        return this.reopen(typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.exportReview':
        return this.export(typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.applyFix':
        return this.applyFix(a, b);
      case 'claudeMultiAgent.dismissFinding':
        return this.dismiss(a, b);
      case 'claudeMultiAgent.threadApplyFix': {
        const on = threadOf(this.threads, a);
        return on && this.applyFix(on.uri, on.finding.id);
      }
      case 'claudeMultiAgent.threadDismiss': {
        const on = threadOf(this.threads, a);
        return on && this.dismiss(on.uri, on.finding.id);
      }
      case 'claudeMultiAgent.threadReply':
        return replyToThread(this.threads, a);
      case 'claudeMultiAgent.addExpert':
        return this.addExpert(typeof a === 'string' ? a : undefined);
      case 'claudeMultiAgent.stopExpert':
        return this.stopOneExpert(a, b);
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
    return (await this.start(resolved)).snapshot;
  }

  /**
   * Reviews an already resolved target with the editor's adapters (panel, progress, Problems,
   * history, cost), passing every event on to `options.onEvent` as well. For the editor's chat and
   * the language-model tools; resolves when the review has finished or stopped.
   */
  async reviewResolved(
    resolved: ResolvedTarget,
    options: ReviewRunOptions = {},
  ): Promise<{ result: ReviewPipelineResult; snapshot?: ReviewSnapshot }> {
    await assertAllowedInRestrictedMode(resolved.target);
    return this.start(resolved, options);
  }

  /** A git scope (uncommitted, staged, a branch, a commit or range): refused in an untrusted workspace. */
  private async reviewGitScope(kind: ScopeKind, args: readonly unknown[]): Promise<ReviewSnapshot | undefined> {
    const resolved = await resolveGitScope(kind, args, this.services.context.workspaceState);
    return resolved && (await this.start(resolved)).snapshot;
  }

  /**
   * Runs the review pipeline with the editor's adapters: the workspace file system, the expert
   * catalog, SecretStorage, and this review's panel, progress, output channels and Problems.
   */
  private async start(
    resolved: ResolvedTarget,
    options: ReviewRunOptions = {},
  ): Promise<{ result: ReviewPipelineResult; snapshot?: ReviewSnapshot }> {
    const settings = readSettings();
    const abort = new AbortController();
    const outer = options.signal;
    if (outer?.aborted) abort.abort();
    const onOuterAbort = () => abort.abort();
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    const globalExcludes = await readGlobalGitExcludes().catch(() => undefined);
    const known = () => this.services.keys.known();
    let view: ReviewView | undefined;
    const gathering = new GatherNotification(`Preparing review of ${resolved.title}`, abort);
    const controls = this.experts.create();
    // Read before this review is stored: the last finished review of the same target.
    const previous = previousReviewOf(this.history.list(), resolved.root);
    try {
      const result = await runReviewPipeline({
        target: resolved.target,
        title: resolved.title,
        // Rules files steer the model: read only in a trusted workspace, like .claude/agents.
        files: {
          fs: vscodeWorkspaceFs,
          root: resolved.root.fsPath,
          filesExclude: filesExcludeOf(resolved.root),
          trusted: vscode.workspace.isTrusted,
          ...(globalExcludes && { globalExcludes }),
          ...(resolved.rulesAt && { rulesAt: resolved.rulesAt }),
        },
        experts: { load: () => this.chooseExperts(settings, options.experts) },
        access: () => connect(this.services.keys, settings),
        settings: {
          ...settings,
          prices: priceTable(settings),
          rules: rulesSettingsOf(settings),
          budget: { perRunUsd: settings['budget.perRun'], perDayUsd: settings['budget.perDay'] },
          changedLinesOnly: settings['review.changedLinesOnly'],
          minConfidence: settings['review.minConfidence'],
          verify: settings['review.verify'],
        },
        warmPrefixes: this.experts.warmPrefixes,
        spend: this.spend,
        confirmCost,
        controls,
        dismissed: this.dismissals,
        previous,
        limiter: this.sharedLimiter(settings.maxConcurrency),
        signal: abort.signal,
        logger: this.services.logger,
        // finish() has already put the record into the snapshot that history keeps.
        store: { save: () => (view ? this.history.save(view.snapshot, true) : Promise.resolve()) },
        onEvent: (event) => {
          switch (event.type) {
            case 'expertProblems':
              this.showExpertProblems(event.problems);
              break;
            case 'gathering':
              gathering.update(event.progress);
              break;
            case 'planned':
              gathering.close();
              view = this.openReview(event.plan, resolved, abort);
              this.experts.bind(event.plan.reviewId, controls);
              break;
            case 'cost':
              view?.panel.showLaneCost(toLaneCostView(event));
              this.statusBar.showRunning(event.total.usd, event.total.savedUsd, this.spend.spentToday());
              break;
            case 'capReached':
              showCapReached(event.message);
              break;
            case 'status':
              if (!view) break;
              {
                const note = event.note && redact(event.note, known());
                view.panel.setStatus(event.sectionId, event.status, note);
                const isExpert = view.names.has(event.sectionId);
                const name =
                  view.names.get(event.sectionId) ??
                  view.snapshot.sections.find((sec) => sec.id === event.sectionId)?.title ??
                  event.sectionId;
                view.progress.status(name, event.status, note, isExpert);
                if (event.status === 'done' || event.status === 'failed' || event.status === 'cancelled') {
                  view.channelFor.get(event.sectionId)?.appendLine(`\n[${event.status}${note ? `: ${note}` : ''}]`);
                }
              }
              void this.history.save(view.snapshot);
              break;
            case 'text':
              view?.panel.append(event.sectionId, event.text);
              view?.channelFor.get(event.sectionId)?.append(event.text);
              break;
            case 'finished':
              if (!view) break;
              view.progress.close();
              this.finish(view.snapshot, view.panel, event.record, event.outcome, resolved.root);
              break;
          }
          options.onEvent?.(event);
        },
      });
      if (result.kind === 'stopped') {
        await this.explainStop(result.reason, result.message);
        return { result };
      }
      this.services.reviewedCode?.remember(result.reviewedCode);
      if (view)
        this.experts.remember(view.snapshot.reviewId, {
          context: result.context,
          rulesText: result.rulesText,
          client: result.client,
          outcome: result.outcome,
          record: result.record,
          experts: [...result.outcome.experts.map((r) => r.expert)],
        });
      this.notifyOutcome(result.outcome);
      return view ? { result, snapshot: view.snapshot } : { result };
    } finally {
      outer?.removeEventListener('abort', onOuterAbort);
      gathering.close();
      view?.progress.close();
      if (view) this.running.delete(view.snapshot.reviewId);
      if (view) this.experts.release(view.snapshot.reviewId);
    }
  }

  private async pickExpertsWithEstimate(): Promise<ExpertDefinition[] | undefined> {
    const settings = readSettings();
    return pickExperts(this.services.context.workspaceState, await loadExperts(settings), (experts) =>
      pickerEstimate(experts, settings),
    );
  }

  private async chooseExperts(
    settings: Settings,
    only?: readonly string[],
  ): Promise<{ experts: ExpertDefinition[]; problems: ExpertProblem[] }> {
    const catalog = await loadExperts(settings);
    if (only) return { experts: expertsNamed(catalog.all, only), problems: catalog.problems };
    return { experts: rememberedExperts(this.services.context.workspaceState, catalog), problems: catalog.problems };
  }

  private showExpertProblems(problems: readonly ExpertProblem[]): void {
    const detail = problems.map((p) => `${p.source}: ${p.reason}`).join('\n');
    void vscode.window
      .showWarningMessage(
        `${problems.length} expert definition(s) could not be loaded; the others run.`,
        { detail },
        'Show log',
      )
      .then((c) => {
        if (c) void vscode.commands.executeCommand('workbench.action.output.show.claudeMultiAgent');
      });
  }

  /** The review is planned: its panel, progress notification and output channels open. */
  private openReview(plan: ReviewPlan, resolved: ResolvedTarget, abort: AbortController): ReviewView {
    const snapshot: ReviewSnapshot = {
      reviewId: plan.reviewId,
      title: plan.title,
      rootUri: resolved.root.toString(),
      targets: plan.targets,
      reviewedFiles: plan.reviewedFiles,
      sections: plan.sections,
      excluded: plan.leftOut.shown.map((e) => ({ path: e.path, reason: e.reason, detail: e.detail })),
      excludedCounts: { total: plan.leftOut.total, byReason: plan.leftOut.byReason },
      simulated: isSimulated(),
      ...providerOfRun(readSettings()),
      startedAt: plan.startedAt,
      state: {},
      findings: [],
      dropped: 0,
      rules: toRulesView(plan.rules, []),
    };
    const panel = this.openPanel(snapshot);
    this.running.set(plan.reviewId, abort);
    const channelFor = new Map(plan.experts.map((e) => [e.id, this.channels.get(e.name)]));
    for (const [, channel] of channelFor)
      channel.appendLine(`\n── ${snapshot.title} · ${new Date().toLocaleString()} ──`);
    const names = new Map(plan.experts.map((e) => [e.id, e.name]));
    const progress = new ReviewProgress(`Multi-expert review of ${resolved.title}`, plan.experts.length, abort);
    return { snapshot, panel, progress, channelFor, names };
  }

  private async explainStop(reason: ReviewStopReason, message: string): Promise<void> {
    switch (reason) {
      case 'noExperts': {
        const choice = await vscode.window.showWarningMessage(message, 'Choose experts…');
        if (choice) await vscode.commands.executeCommand('claudeMultiAgent.selectExperts');
        break;
      }
      case 'nothingToReview': {
        const choice = await vscode.window.showWarningMessage(message, 'Open settings');
        if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent');
        break;
      }
      case 'unreadable':
        void vscode.window.showErrorMessage(message);
        break;
      case 'overBudget':
        void vscode.window.showInformationMessage(message);
        break;
      case 'noApiAccess': // connect() has already offered to set a key
      case 'cancelled':
        break;
    }
  }

  private sharedLimiter(concurrency: number): LimitFunction {
    this.limiter ??= createLimiter(concurrency);
    this.limiter.concurrency = concurrency;
    return this.limiter;
  }

  private finish(
    snapshot: ReviewSnapshot,
    panel: ReviewPanel,
    record: ReviewRecord,
    outcome: ReviewOutcome,
    root: vscode.Uri,
  ): void {
    snapshot.findings = record.findings;
    const hidden = record.hidden ?? [];
    const kept = hidden.filter((h) => h.reason !== 'dismissed');
    if (kept.length) snapshot.hidden = kept;
    else delete snapshot.hidden;
    const dismissed = hidden.filter((h) => h.reason === 'dismissed').map((h) => h.finding);
    if (dismissed.length) snapshot.dismissed = dismissed;
    else delete snapshot.dismissed;
    if (record.gone) snapshot.reReview = { open: record.open ?? [], gone: record.gone };
    snapshot.dropped = record.dropped;
    snapshot.cost = toCostView(record.usage, record.cost);
    snapshot.rules = toRulesView(record.rules, record.suppressedByRules);
    const message = record.message && redact(record.message, this.services.keys.known());
    snapshot.done = message ? { status: record.status, message } : { status: record.status };
    panel.showFindings();
    panel.showRules();
    panel.showCost();
    panel.showDone();
    // A run where no expert finished says nothing new about the code: keep the last review's findings.
    // After a Cancel, the experts that had finished are kept (merged without synthesis).
    if (record.status === 'completed' || outcome.findingsFrom.length) {
      this.diagnostics.show(root, snapshot.reviewedFiles, snapshot.findings, snapshot.reviewId);
      this.threads.show(root, snapshot.reviewedFiles, snapshot.findings);
    }
    this.statusBar.show(snapshot.cost, false, this.spend.spentToday());
    for (const run of outcome.experts) {
      const channel = this.channels.get(run.expert.name);
      channel.appendLine(
        `\n${run.result.findings.length} finding(s)${run.result.summary ? `: ${run.result.summary}` : ''}`,
      );
      for (const f of run.result.findings)
        channel.appendLine(`  ${f.severity.toUpperCase()} ${f.file}:${f.startLine} ${f.title}`);
    }
    this.services.logger.info(
      `${snapshot.title}: ${record.status}; ${snapshot.findings.length} findings; ${costLine(snapshot.cost)}`,
    );
  }

  /** Runs one failed or stopped expert again over the review's cached code (review/pipeline/moreExperts.ts). */
  private async retryExpert(panel: ReviewPanel, sectionId: string): Promise<void> {
    const review = this.experts.finishedReview(panel.snapshot.reviewId);
    const expert = review?.experts.find((e) => e.id === sectionId);
    if (!review || !expert) {
      void vscode.window.showInformationMessage(
        'An expert can be retried once its review has finished, in the same session.',
      );
      return;
    }
    await this.runMore(panel, [expert]);
  }

  /**
   * "Stop one expert…" (the palette, the editor chat's button): one expert of a running review, the
   * given one or one picked among those still streaming or queued; the others go on. True when stopped.
   */
  private async stopOneExpert(reviewId: unknown, sectionId: unknown): Promise<boolean> {
    const running = [...this.panels.values()].filter((p) => this.running.has(p.snapshot.reviewId));
    const panel =
      typeof reviewId === 'string' ? this.panels.get(reviewId) : (running.find((p) => p.active) ?? running.at(-1));
    if (!panel || !this.running.has(panel.snapshot.reviewId)) {
      void vscode.window.showInformationMessage('No review is running.');
      return false;
    }
    const s = panel.snapshot;
    let id = typeof sectionId === 'string' ? sectionId : undefined;
    if (!id) {
      const live = s.sections.filter(
        (section) =>
          section.id !== SYNTHESIS_ID && ['streaming', 'queued', 'waiting'].includes(s.state[section.id]?.status ?? ''),
      );
      if (!live.length) {
        void vscode.window.showInformationMessage('Every expert of this review has finished.');
        return false;
      }
      const picked = await vscode.window.showQuickPick(
        live.map((section) => ({ label: section.title, description: s.state[section.id]?.status, id: section.id })),
        { title: `Stop one expert of ${s.title}`, placeHolder: 'The others go on; what it wrote so far is kept.' },
      );
      if (!picked) return false;
      id = picked.id;
    }
    return this.experts.stop(s.reviewId, id);
  }

  /**
   * "Add an expert to this review": the review in the given or active panel (else the newest that can
   * still take one), a pick among the experts that have not run on it, then those experts over the
   * review's gathered code, which is still cached within its lifetime.
   */
  private async addExpert(reviewId?: string, fromPanel?: ReviewPanel): Promise<void> {
    const finished = (p: ReviewPanel) => p.visible && this.experts.finishedReview(p.snapshot.reviewId) !== undefined;
    const panels = [...this.panels.values()];
    const panel =
      fromPanel ??
      (reviewId ? this.panels.get(reviewId) : undefined) ??
      panels.find((p) => p.active && finished(p)) ??
      panels.reverse().find(finished);
    const review = panel && this.experts.finishedReview(panel.snapshot.reviewId);
    if (!panel || !review) {
      void vscode.window.showInformationMessage(
        'Experts can be added to a review once it has finished, in the same session. Run a review first.',
      );
      return;
    }
    if (review.busy) {
      void vscode.window.showInformationMessage(
        'Experts are still running on this review; add more when they have finished.',
      );
      return;
    }
    const catalog = await loadExperts(readSettings());
    const ran = new Set(review.experts.map((e) => e.id));
    const candidates = catalog.all.filter((e) => !ran.has(e.id));
    if (!candidates.length) {
      void vscode.window.showInformationMessage(
        'Every expert has already run on this review. Add your own in the claudeMultiAgent.experts setting or in .claude/agents/.',
      );
      return;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((e) => ({
        label: e.name,
        description: typeof e.source === 'string' ? e.source : e.source.file,
        detail: e.description,
        expert: e,
      })),
      {
        title: `Add experts to ${panel.snapshot.title} (they read the cached code)`,
        canPickMany: true,
        placeHolder: 'Experts that have not run on this review',
      },
    );
    if (!picked?.length) return;
    await this.runMore(
      panel,
      picked.map((p) => p.expert),
    );
  }

  /**
   * Retried or added experts over a finished review's gathered code (review/pipeline/moreExperts.ts),
   * in the same panel, under the spending caps, with a progress notification whose Cancel stops them,
   * and their findings merged back into the review's.
   */
  private async runMore(panel: ReviewPanel, experts: ExpertDefinition[]): Promise<void> {
    const snapshot = panel.snapshot;
    const review = this.experts.finishedReview(snapshot.reviewId);
    if (!review || review.busy) return;
    review.busy = true;
    const settings = readSettings();
    const known = () => this.services.keys.known();
    const controls = this.experts.create();
    const abort = new AbortController();
    this.experts.bind(snapshot.reviewId, controls);
    this.running.set(snapshot.reviewId, abort);
    const names = new Map(experts.map((e) => [e.id, e.name]));
    const channel = (id: string) => this.channels.get(names.get(id) ?? id);
    let progress: ReviewProgress | undefined;
    try {
      const result = await runMoreExperts({
        context: review.context,
        rulesText: review.rulesText,
        previous: review.outcome,
        record: review.record,
        experts,
        client: review.client,
        settings: {
          ...settings,
          prices: priceTable(settings),
          budget: { perRunUsd: settings['budget.perRun'], perDayUsd: settings['budget.perDay'] },
        },
        // The same visibility as the first run (the new synthesis re-scores every finding): confidence, changed lines, dismissals.
        visibility: {
          minConfidence: settings['review.minConfidence'],
          ...(settings['review.changedLinesOnly'] &&
            review.context.changedLines && { changedLines: review.context.changedLines }),
          dismissed: await this.dismissals.ids(),
        },
        warmPrefixes: this.experts.warmPrefixes,
        controls,
        spend: this.spend,
        confirmCost,
        limiter: this.sharedLimiter(settings.maxConcurrency),
        signal: abort.signal,
        logger: this.services.logger,
        onEvent: (event) => {
          switch (event.type) {
            case 'moreExperts':
              // The caps let them start: their lanes (new ones before the synthesis) and the notification.
              panel.runAgain(event.added);
              for (const section of event.sections) panel.restartSection(section.id);
              for (const e of experts)
                this.channels.get(e.name).appendLine(`\n── ${snapshot.title} · ${new Date().toLocaleString()} ──`);
              progress = new ReviewProgress(
                `${experts.length === 1 ? experts[0]!.name : `${experts.length} more experts`} on ${snapshot.title}`,
                experts.length,
                abort,
              );
              break;
            case 'status': {
              const note = event.note && redact(event.note, known());
              panel.setStatus(event.sectionId, event.status, note);
              progress?.status(names.get(event.sectionId) ?? event.sectionId, event.status, note, true);
              if (event.status === 'done' || event.status === 'failed' || event.status === 'cancelled')
                channel(event.sectionId).appendLine(`\n[${event.status}${note ? `: ${note}` : ''}]`);
              break;
            }
            case 'text':
              panel.append(event.sectionId, event.text);
              channel(event.sectionId).append(event.text);
              break;
            case 'cost':
              panel.showLaneCost(toLaneCostView(event));
              this.statusBar.showRunning(event.total.usd, event.total.savedUsd, this.spend.spentToday());
              break;
            case 'capReached':
              showCapReached(event.message);
              break;
          }
        },
      });
      if (result.kind === 'stopped') {
        if (result.reason === 'overBudget') void vscode.window.showInformationMessage(result.message);
        return;
      }
      const record = result.record ?? review.record;
      review.outcome = result.outcome;
      review.record = record;
      review.experts = [...review.experts, ...experts.filter((e) => !ran(review.experts, e))];
      this.finish(snapshot, panel, record, result.outcome, vscode.Uri.parse(snapshot.rootUri));
      await this.history.save(snapshot, true);
      this.notifyOutcome(result.outcome);
    } finally {
      progress?.close();
      review.busy = false;
      this.running.delete(snapshot.reviewId);
      this.experts.release(snapshot.reviewId);
    }
  }

  private notifyOutcome(outcome: ReviewOutcome): void {
    if (outcome.status === 'cancelled') {
      void vscode.window.showInformationMessage(
        outcome.findingsFrom.length
          ? `Review cancelled. The findings of ${outcome.findingsFrom.join(', ')}, which had finished, are in Problems; the rest of what was written is in the review panel.`
          : 'Review cancelled. What the experts had written is kept in the review panel.',
      );
    } else if (outcome.message) {
      const message = redact(outcome.message, this.services.keys.known());
      const kinds = new Set(outcome.experts.map((r) => r.errorKind).filter(Boolean));
      const actions =
        kinds.has('authentication') || kinds.has('missingKey')
          ? ['Set API key']
          : kinds.has('notFound')
            ? ['Choose model']
            : kinds.has('tooLarge')
              ? ['Lower context budget']
              : [];
      const show = outcome.status === 'failed' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
      void show(message, ...actions).then((choice) => {
        if (choice === 'Set API key') void vscode.commands.executeCommand('claudeMultiAgent.setApiKey');
        if (choice === 'Choose model')
          void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.model');
        if (choice === 'Lower context budget')
          void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.contextTokenBudget');
      });
    }
  }

  private openPanel(snapshot: ReviewSnapshot): ReviewPanel {
    const existing = this.panels.get(snapshot.reviewId);
    if (existing?.visible) {
      existing.reveal();
      return existing;
    }
    // Reviewing the same target again reuses its panel (unless that review is still running).
    const sameTarget = [...this.panels.entries()].find(
      ([id, p]) =>
        p.visible &&
        !this.running.has(id) &&
        p.snapshot.title === snapshot.title &&
        p.snapshot.rootUri === snapshot.rootUri,
    );
    if (sameTarget) {
      const [oldId, panel] = sameTarget;
      this.panels.delete(oldId);
      this.panels.set(snapshot.reviewId, panel);
      panel.load(snapshot);
      panel.reveal();
      return panel;
    }
    const column = [...this.panels.values()].at(-1)?.column;
    const panel: ReviewPanel = new ReviewPanel(
      this.services.context.extensionUri,
      snapshot,
      (m, p) => void this.onPanelMessage(m, p),
      () => this.panels.delete(panel.snapshot.reviewId),
      column,
    );
    this.panels.set(snapshot.reviewId, panel);
    return panel;
  }

  private async onPanelMessage(message: ReviewWebviewMessage, panel: ReviewPanel): Promise<void> {
    const snapshot = panel.snapshot;
    const root = vscode.Uri.parse(snapshot.rootUri);
    const finding = 'findingId' in message && message.findingId ? findingIn(snapshot, message.findingId) : undefined;
    switch (message.type) {
      case 'stopExpert':
        this.experts.stop(snapshot.reviewId, message.sectionId);
        break;
      case 'retryExpert':
        await this.retryExpert(panel, message.sectionId);
        break;
      case 'addExpert':
        await this.addExpert(undefined, panel);
        break;
      case 'cancel':
        this.running.get(snapshot.reviewId)?.abort();
        break;
      case 'openFinding':
        if (finding) {
          const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(root, finding.file));
          await vscode.window.showTextDocument(doc, {
            selection: findingRange(finding, doc),
            viewColumn: vscode.ViewColumn.One,
          });
        }
        break;
      case 'applyFix':
        if (finding) await this.applyFix(vscode.Uri.joinPath(root, finding.file), finding.id, snapshot);
        break;
      case 'dismissFinding':
        if (finding) await this.dismiss(vscode.Uri.joinPath(root, finding.file), finding.id, snapshot);
        break;
      case 'restoreFinding':
        await this.restore(message.findingId);
        break;
      case 'askFollowUp': {
        const target = finding ?? snapshot.findings[0];
        const uri = target ? vscode.Uri.joinPath(root, target.file) : undefined;
        await vscode.commands.executeCommand(
          'claudeMultiAgent.askAboutFinding',
          uri && target ? findingQuestion(uri, target) : undefined,
        );
        break;
      }
      case 'export':
        await this.export(snapshot.reviewId);
        break;
      case 'openLink':
        await openModelLink(message.href, (m) => this.services.logger.warn(`Review: ${m}`));
        break;
      case 'copyText':
        await vscode.env.clipboard.writeText(message.text);
        break;
      case 'ready':
        break;
    }
  }

  /** What became of an apply-fix request (the command's result, for tests). */
  private async applyFix(
    uri: unknown,
    findingId: unknown,
    snapshot?: ReviewSnapshot,
  ): Promise<'applied' | 'stale' | 'declined' | 'noFix'> {
    // The finding where it now is (Problems and threads follow edits), else as the review placed it.
    const finding =
      uri instanceof vscode.Uri && typeof findingId === 'string'
        ? (this.diagnostics.find(uri, findingId) ??
          this.threads.find(uri, findingId) ??
          (snapshot && findingIn(snapshot, findingId)))
        : undefined;
    if (!(uri instanceof vscode.Uri) || !finding?.suggestedFix) {
      void vscode.window.showWarningMessage('This finding has no suggested fix.');
      return 'noFix';
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const stale = staleFixReason(finding.suggestedFix, documentLines(doc));
    if (stale) {
      void vscode.window.showWarningMessage(`The fix was not applied: ${stale}`);
      return 'stale';
    }
    // Shown as a diff in the refactor preview; false (or nothing changed) when the user did not accept it there.
    if (!(await vscode.workspace.applyEdit(fixEdit(doc, finding))) || !fixInPlace(doc, finding.suggestedFix))
      return 'declined';
    this.resolveFinding(uri, finding.id);
    await vscode.window.showTextDocument(doc, { selection: findingRange(finding.suggestedFix, doc) });
    return 'applied';
  }

  /** Dismisses a finding (from Problems or a panel): out of Problems and every panel showing it. */
  private async dismiss(uri: unknown, findingId: unknown, snapshot?: ReviewSnapshot): Promise<Dismissal | undefined> {
    const finding =
      uri instanceof vscode.Uri && typeof findingId === 'string'
        ? (snapshot?.findings.find((f) => f.id === findingId) ??
          this.diagnostics.find(uri, findingId) ??
          this.threads.find(uri, findingId))
        : undefined;
    if (!(uri instanceof vscode.Uri) || !finding) return undefined;
    const root = snapshot ? vscode.Uri.parse(snapshot.rootUri) : vscode.workspace.getWorkspaceFolder(uri)?.uri;
    if (!root) return undefined;
    const dismissal = await dismissFinding(finding, root, () => {
      this.diagnostics.remove(uri, finding.id);
      this.threads.remove(uri, finding.id);
      for (const panel of this.panels.values()) {
        const s = panel.snapshot;
        const shown = s.findings.find((f) => f.id === finding.id && f.file === finding.file);
        if (!shown) continue;
        s.findings = s.findings.filter((f) => f !== shown);
        s.dismissed = [...(s.dismissed ?? []), shown];
        panel.showFindings();
        void this.history.save(s, true);
      }
    });
    // Kept per workspace by fingerprint: later reviews of the same code keep it hidden (the pipeline's DismissedFindings).
    if (dismissal) await this.dismissals.add(finding, dismissal.reason);
    return dismissal;
  }

  /** Un-dismisses a finding: back in every panel that lists it, in Problems and as a thread, and in later reviews. */
  private async restore(findingId: string): Promise<void> {
    await this.dismissals.restore(findingId);
    for (const panel of this.panels.values()) {
      const s = panel.snapshot;
      const finding = s.dismissed?.find((f) => f.id === findingId);
      if (!finding) continue;
      s.dismissed = s.dismissed!.filter((f) => f !== finding);
      s.findings = [...s.findings, finding];
      panel.showFindings();
      void this.history.save(s, true);
      const uri = vscode.Uri.joinPath(vscode.Uri.parse(s.rootUri), finding.file);
      this.diagnostics.add(uri, finding);
      this.threads.add(uri, finding);
    }
  }

  /** An applied fix resolves its finding everywhere: Problems, every open panel, the stored history. */
  private resolveFinding(uri: vscode.Uri, findingId: string): void {
    this.diagnostics.resolve(uri, findingId);
    this.threads.remove(uri, findingId);
    const open = new Map([...this.panels.values()].map((p) => [p.snapshot.reviewId, p]));
    for (const snapshot of [
      ...[...open.values()].map((p) => p.snapshot),
      ...this.history.list().filter((s) => !open.has(s.reviewId)),
    ]) {
      const finding = snapshot.findings.find((f) => f.id === findingId);
      if (
        !finding ||
        vscode.Uri.joinPath(vscode.Uri.parse(snapshot.rootUri), finding.file).toString() !== uri.toString()
      )
        continue;
      if (snapshot.resolved?.includes(findingId)) continue;
      snapshot.resolved = [...(snapshot.resolved ?? []), findingId];
      open.get(snapshot.reviewId)?.showFindings();
      void this.history.save(snapshot);
    }
  }

  private async reopen(reviewId?: string): Promise<void> {
    const reviews = this.history.list();
    if (!reviews.length) {
      void vscode.window.showInformationMessage(
        'No reviews yet in this workspace. Right-click code and choose "Multi-expert review".',
      );
      return;
    }
    let snapshot = reviewId ? reviews.find((r) => r.reviewId === reviewId) : undefined;
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
    // A review that was streaming when the window closed shows what had arrived, marked as interrupted.
    snapshot.done ??= {
      status: 'cancelled',
      message: 'Interrupted: the window closed while this review ran. Partial text is shown.',
    };
    for (const s of Object.values(snapshot.state))
      if (s.status === 'streaming' || s.status === 'queued' || s.status === 'waiting') s.status = 'cancelled';
    this.openPanel(snapshot).reveal();
  }

  private async export(reviewId?: string): Promise<void> {
    const snapshot =
      (reviewId && this.history.list().find((r) => r.reviewId === reviewId)) ||
      [...this.panels.values()].at(-1)?.snapshot ||
      this.history.list()[0];
    if (!snapshot) {
      void vscode.window.showInformationMessage('There is no review to export yet.');
      return;
    }
    const expertResults: ExpertResult[] = snapshot.sections
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
    const markdown = findingsToMarkdown({
      title: snapshot.title,
      date: new Date(snapshot.startedAt),
      targets: snapshot.targets,
      findings: snapshot.findings,
      ...(snapshot.hidden && { hidden: snapshot.hidden }),
      expertResults,
      excluded: snapshot.excluded.map((e) => ({ path: e.path, reason: e.reason as never, detail: e.detail ?? '' })),
      ...(snapshot.excludedCounts && { excludedTotal: snapshot.excludedCounts.total }),
      ...(snapshot.cost && { usageLine: costLine(snapshot.cost) }),
      ...(snapshot.rules && rulesForExport(snapshot.rules)),
    });
    const doc = await vscode.workspace.openTextDocument({
      language: 'markdown',
      content: redact(markdown, this.services.keys.known()),
    });
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

/** A finding of the review by id, shown or hidden (a hidden one can be opened once the panel shows it). */
function findingIn(snapshot: ReviewSnapshot, id: string): ReviewSnapshot['findings'][number] | undefined {
  return snapshot.findings.find((f) => f.id === id) ?? snapshot.hidden?.find((h) => h.finding.id === id)?.finding;
}

const ran = (experts: readonly ExpertDefinition[], e: ExpertDefinition): boolean => experts.some((x) => x.id === e.id);

/** A spending cap stopped a run: say so, with a way to the caps. */
function showCapReached(message: string): void {
  void vscode.window.showWarningMessage(message, 'Change caps…').then((choice) => {
    if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'claudeMultiAgent.budget');
  });
}

/** The rules settings as the pipeline takes them; unknown kinds in settings.json are ignored. */
function rulesSettingsOf(settings: Settings): RulesSettings {
  return {
    kinds: settings['review.rulesFiles'].filter(isRulesKind),
    extraPaths: settings['review.extraRulesFiles'].filter((p) => typeof p === 'string'),
    budgetTokens: settings['review.rulesTokenBudget'],
  };
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

/** Whether the document now holds the fix's text where the fix goes (the preview may apply nothing). */
function fixInPlace(
  doc: vscode.TextDocument,
  fix: NonNullable<ReviewSnapshot['findings'][number]['suggestedFix']>,
): boolean {
  const want = fix.replacement.replace(/\n$/, '').split('\n');
  const have = documentLines(doc).slice(fix.startLine - 1, fix.startLine - 1 + want.length);
  return want.every((line, i) => have[i] === line);
}

/** VS Code's own hidden-file globs that are on, for gathering to honour. */
function filesExcludeOf(root: vscode.Uri): string[] {
  return Object.entries(vscode.workspace.getConfiguration('files', root).get<Record<string, boolean>>('exclude') ?? {})
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

export type { ReviewTarget, ResolvedTarget };
