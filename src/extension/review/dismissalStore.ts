// Dismissed findings, kept per workspace (workspaceState) by fingerprint with the reason and the
// finding itself, so the review panel can list them and a restore can bring them back. The review
// pipeline reads it as its DismissedFindings port: a dismissed finding stays hidden in every later
// review of the same code, however its lines move.
import type * as vscode from 'vscode';
import type { DismissedFindings, DismissReason, Finding } from '../../review';

const KEY = 'claudeMultiAgent.dismissedFindings';
/** Oldest dismissals are forgotten past this many (each keeps its finding's text). */
const KEEP = 500;

export interface StoredDismissal {
  finding: Finding;
  reason: DismissReason;
  /** ISO time. */
  at: string;
  /** The workspace folder's URI string, where a restore puts it back (absent in older entries). */
  root?: string;
  /** The review it was dismissed from. */
  reviewId?: string;
}

const isDismissal = (v: unknown): v is StoredDismissal => {
  const d = v as Partial<StoredDismissal> | undefined;
  return (
    typeof d === 'object' &&
    d !== null &&
    typeof d.reason === 'string' &&
    typeof d.at === 'string' &&
    typeof d.finding?.id === 'string' &&
    typeof d.finding.file === 'string'
  );
};

export class DismissalStore implements DismissedFindings {
  constructor(private readonly memento: vscode.Memento) {}

  list(): StoredDismissal[] {
    const stored = this.memento.get<unknown>(KEY, []);
    return Array.isArray(stored) ? stored.filter(isDismissal) : [];
  }

  ids(): Promise<ReadonlySet<string>> {
    return Promise.resolve(new Set(this.list().map((d) => d.finding.id)));
  }

  async add(finding: Finding, reason: DismissReason, where: { root?: string; reviewId?: string } = {}): Promise<void> {
    const rest = this.list().filter((d) => d.finding.id !== finding.id);
    const entry: StoredDismissal = { finding, reason, at: new Date().toISOString(), ...where };
    await this.memento.update(KEY, [entry, ...rest].slice(0, KEEP));
  }

  /** Forgets a dismissal; the finding shows again (now and in later reviews). */
  async restore(findingId: string): Promise<StoredDismissal | undefined> {
    const all = this.list();
    const found = all.find((d) => d.finding.id === findingId);
    if (found)
      await this.memento.update(
        KEY,
        all.filter((d) => d !== found),
      );
    return found;
  }
}
