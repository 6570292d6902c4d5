// The open findings of this workspace: the one owner of a finding's state once a review has raised it.
// Problems (findingsDiagnostics.ts) and comment threads (findingThreads.ts) are views of it; review
// panels read dismissals and applied fixes from it. Its rules:
//   - a finished review adds or updates what it raised and removes only what it resolved (`gone`, which
//     the pipeline fills only when a complete review of the finding's code no longer raises it): a
//     stopped, failed or partial run resolves nothing;
//   - edits move findings; an edit of a finding's own lines marks it outdated;
//   - a dismissed finding leaves (kept by fingerprint in the DismissalStore); a restore brings it back;
//   - an applied fix takes a finding out of Problems and threads; a complete review then says whether
//     it is gone (fixed) or still there;
//   - a thread's questions and answers stay with their finding across re-reviews and reloads.
// Kept in workspaceState. No vscode import at run time, so it is tested in plain Node.
import type * as vscode from 'vscode';
import { redactDeep } from '../../core';
import { moveFinding, type DismissReason, type Finding, type TextEdit } from '../../review';
import { ChangeEmitter } from './changeEvent';
import { DismissalStore } from './dismissalStore';
import {
  isStoredFile,
  OPEN_FINDINGS_KEY,
  type FileFindings,
  type OpenFinding,
  type ThreadComment,
} from './openFinding';

export type { OpenFinding, ThreadComment };

/** Files kept (the least recently reviewed go first) and comments kept per thread. */
const MAX_FILES = 1000;
const MAX_COMMENTS = 100;
const MAX_FIXED = 500;
const SAVE_DELAY_MS = 300;

export interface OpenFindingsChange {
  /** Files whose findings changed (document URI strings). */
  uris: string[];
  /** A finding was dismissed, restored or its fix applied: panels listing it show it again. */
  states?: boolean;
}

/** A finished review (or more experts on it), as the model takes it. */
export interface ReviewedFindings {
  reviewId: string;
  /** The workspace folder's URI string. */
  root: string;
  reviewedFiles: readonly string[];
  /** What the review shows. */
  findings: readonly Finding[];
  /** What it resolved: earlier findings a complete review of their code no longer raises. */
  gone?: readonly Finding[];
}

export interface OpenFindingsOptions {
  /** A file's document URI string from its folder's URI string and its folder-relative path. */
  locate: (root: string, file: string) => string;
  /** Keys to redact from what is stored (key-shaped text always is). */
  secrets?: () => readonly string[];
  saveDelayMs?: number;
}

export class OpenFindings {
  private readonly files = new Map<string, FileFindings>();
  private fixed: string[] = [];
  private readonly dismissals: DismissalStore;
  private readonly dismissed: Set<string>;
  private readonly changes = new ChangeEmitter<OpenFindingsChange>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.changes.event;

  constructor(
    private readonly memento: vscode.Memento,
    private readonly options: OpenFindingsOptions,
  ) {
    this.dismissals = new DismissalStore(memento);
    this.dismissed = new Set(this.dismissals.list().map((d) => d.finding.id));
    this.load();
  }

  /** Files that hold findings (open or with a fix applied). */
  uris(): string[] {
    return [...this.files.values()].filter((f) => f.items.length).map((f) => f.uri);
  }

  /** What Problems and the threads show for a file: open findings, not those whose fix was applied. */
  shown(uri: string): readonly OpenFinding[] {
    return (this.files.get(uri)?.items ?? []).filter((i) => !i.fixApplied);
  }

  find(uri: string, findingId: string): OpenFinding | undefined {
    return this.files.get(uri)?.items.find((i) => i.finding.id === findingId);
  }

  /**
   * What a re-review of these files compares with: every finding still tracked there (a fix applied
   * too, until a complete review says it is gone). Undefined when none of them was reviewed before.
   */
  previousFor(root: string, files: readonly string[]): Finding[] | undefined {
    const known = files.map((file) => this.files.get(this.options.locate(root, file))).filter((f) => f !== undefined);
    return known.length ? known.flatMap((f) => f.items.map((i) => i.finding)) : undefined;
  }

  /** A finished review: what it raised is open (conversations kept), what it resolved leaves, the rest stays. */
  applyReview(review: ReviewedFindings): void {
    const gone = new Set((review.gone ?? []).map((f) => f.id));
    const raised = review.findings.filter((f) => !this.dismissed.has(f.id));
    const uris: string[] = [];
    let states = false;
    for (const file of new Set([...review.reviewedFiles, ...raised.map((f) => f.file)])) {
      const uri = this.options.locate(review.root, file);
      const before = this.files.get(uri)?.items ?? [];
      const now = raised.filter((f) => f.file === file);
      const ids = new Set(now.map((f) => f.id));
      const items: OpenFinding[] = [
        ...now.map((finding) => ({
          finding,
          reviewId: review.reviewId,
          outdated: false,
          conversation: before.find((i) => i.finding.id === finding.id)?.conversation ?? [],
        })),
        ...before.filter((i) => !ids.has(i.finding.id) && !gone.has(i.finding.id)),
      ].sort((a, b) => a.finding.startLine - b.finding.startLine);
      // Raised again after its fix was applied: the fix did not fix it.
      if (now.some((f) => this.fixed.includes(f.id))) {
        this.fixed = this.fixed.filter((id) => !ids.has(id));
        states = true;
      }
      this.files.delete(uri);
      this.files.set(uri, { uri, root: review.root, file, items });
      uris.push(uri);
    }
    while (this.files.size > MAX_FILES) this.files.delete(this.files.keys().next().value!);
    this.changed({ uris, ...(states && { states }) });
  }

  /** Moves a document's findings with an edit; `lineLength(line)` is lineLengthBefore for that 0-based line. */
  follow(uri: string, edits: readonly TextEdit[], lineLength: (line: number) => number | undefined): void {
    const file = this.files.get(uri);
    if (!file?.items.length || !edits.length) return;
    let changed = false;
    file.items = file.items.map((item) => {
      const moved = moveFinding(item.finding, edits, lineLength(item.finding.endLine - 1));
      const shifted =
        moved.finding.startLine !== item.finding.startLine || moved.finding.endLine !== item.finding.endLine;
      const outdated = item.outdated || moved.outdated;
      // Typing inside a line that holds no finding moves nothing: no view is touched.
      if (!shifted && outdated === item.outdated) return item;
      changed = true;
      return { ...item, finding: moved.finding, outdated };
    });
    if (changed) this.changed({ uris: [uri] });
  }

  /** Its fix was applied: out of Problems and threads, marked fixed in the panels. */
  applyFix(uri: string, findingId: string): void {
    const found = this.replace(uri, findingId, (item) => ({ ...item, fixApplied: true }));
    this.fixed = [...this.fixed.filter((id) => id !== findingId), findingId].slice(-MAX_FIXED);
    this.changed({ uris: found ? [uri] : [], states: true });
  }

  /** Its fix was undone: open again in Problems and threads, and no longer marked fixed. */
  undoFix(uri: string, findingId: string, outdated: boolean): void {
    const found = this.replace(uri, findingId, (item) => {
      const { fixApplied: _applied, ...open } = item;
      return { ...open, outdated };
    });
    this.fixed = this.fixed.filter((id) => id !== findingId);
    this.changed({ uris: found ? [uri] : [], states: true });
  }

  isFixed(findingId: string): boolean {
    return this.fixed.includes(findingId);
  }

  /** Dismisses a finding: it leaves now, and later reviews of the same code keep it hidden. */
  async dismiss(root: string, finding: Finding, reason: DismissReason, reviewId?: string): Promise<void> {
    const uri = this.options.locate(root, finding.file);
    const file = this.files.get(uri);
    if (file) file.items = file.items.filter((i) => i.finding.id !== finding.id);
    this.dismissed.add(finding.id);
    await this.dismissals.add(finding, reason, { root, ...(reviewId && { reviewId }) });
    this.changed({ uris: [uri], states: true });
  }

  isDismissed(findingId: string): boolean {
    return this.dismissed.has(findingId);
  }

  /** The pipeline's DismissedFindings port: fingerprints later reviews keep hidden. */
  ids(): Promise<ReadonlySet<string>> {
    return Promise.resolve(new Set(this.dismissed));
  }

  /** Un-dismisses a finding: open again (in the folder it was dismissed in, else `root`) and in later reviews. */
  async restore(findingId: string, root?: string): Promise<void> {
    const stored = await this.dismissals.restore(findingId);
    this.dismissed.delete(findingId);
    const where = stored?.root ?? root;
    if (!stored || !where) return this.changed({ uris: [], states: true });
    const uri = this.options.locate(where, stored.finding.file);
    const file = this.files.get(uri) ?? { uri, root: where, file: stored.finding.file, items: [] };
    file.items = [
      ...file.items.filter((i) => i.finding.id !== findingId),
      { finding: stored.finding, reviewId: stored.reviewId ?? '', outdated: false, conversation: [] },
    ].sort((a, b) => a.finding.startLine - b.finding.startLine);
    this.files.set(uri, file);
    this.changed({ uris: [uri], states: true });
  }

  /** A question asked in the finding's thread, or its answer. */
  addComment(uri: string, findingId: string, comment: ThreadComment): void {
    const found = this.replace(uri, findingId, (item) => ({
      ...item,
      conversation: [...item.conversation, comment].slice(-MAX_COMMENTS),
    }));
    if (found) this.changed({ uris: [uri] });
  }

  /** "Clear review findings": every file's findings go (dismissals stay). */
  clear(): void {
    const uris = [...this.files.keys()];
    this.files.clear();
    this.changed({ uris });
  }

  /** Writes what is pending now. */
  async flush(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const stored = { v: 1, files: [...this.files.values()], fixed: this.fixed };
    await this.memento.update(OPEN_FINDINGS_KEY, redactDeep(stored, this.options.secrets?.() ?? []));
  }

  dispose(): void {
    if (this.saveTimer) void this.flush();
    this.changes.dispose();
  }

  /** Items are replaced, never changed in place: views compare what they last showed with what is. */
  private replace(uri: string, findingId: string, next: (item: OpenFinding) => OpenFinding): boolean {
    const file = this.files.get(uri);
    const at = file?.items.findIndex((i) => i.finding.id === findingId) ?? -1;
    if (!file || at < 0) return false;
    file.items = file.items.map((item, i) => (i === at ? next(item) : item));
    return true;
  }

  private changed(change: OpenFindingsChange): void {
    this.changes.fire(change);
    this.saveTimer ??= setTimeout(() => void this.flush(), this.options.saveDelayMs ?? SAVE_DELAY_MS);
  }

  private load(): void {
    const stored = this.memento.get<{ files?: unknown; fixed?: unknown }>(OPEN_FINDINGS_KEY);
    if (!stored || typeof stored !== 'object') return;
    for (const file of Array.isArray(stored.files) ? stored.files : []) {
      if (isStoredFile(file)) this.files.set(file.uri, file);
    }
    if (Array.isArray(stored.fixed)) this.fixed = stored.fixed.filter((id): id is string => typeof id === 'string');
  }
}
