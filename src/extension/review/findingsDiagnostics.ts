import * as vscode from 'vscode';
import { moveFinding, type Finding, type Severity, type TextEdit } from '../../review';
import { lineLengthBefore } from './editTracking';

export const DIAGNOSTIC_SOURCE = 'Claude Multi-Agent';

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  critical: vscode.DiagnosticSeverity.Error,
  high: vscode.DiagnosticSeverity.Error,
  medium: vscode.DiagnosticSeverity.Warning,
  low: vscode.DiagnosticSeverity.Information,
  info: vscode.DiagnosticSeverity.Hint,
};

const SEVERITY_LABEL: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Info',
};

/** A finding placed in a document; what code actions and the webview's "open" need. */
/** Whole lines startLine..endLine (1-based), clamped to the document when it is open. */
export function findingRange(f: Pick<Finding, 'startLine' | 'endLine'>, doc?: vscode.TextDocument): vscode.Range {
  const last = doc ? doc.lineCount - 1 : Number.MAX_SAFE_INTEGER;
  const start = Math.min(Math.max(0, f.startLine - 1), last);
  const end = Math.min(Math.max(start, f.endLine - 1), last);
  const endChar = doc ? doc.lineAt(end).text.length : 10_000;
  return new vscode.Range(start, 0, end, endChar);
}

/** Findings as diagnostics in the Problems panel, with quick fixes and follow-ups as code actions. */
export class FindingsDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('claudeMultiAgent');
  private readonly byUri = new Map<string, Finding[]>();
  /** The review each shown finding came from, for "Show in review panel". */
  private readonly reviewOf = new Map<string, string>();
  /** `uri#id` of findings whose code was edited since the review. */
  private readonly outdated = new Set<string>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, {
      providedCodeActionKinds: FindingsDiagnostics.providedCodeActionKinds,
    });
  }

  /** Replaces the findings of every file the review covered (a file with no findings is cleared). */
  show(root: vscode.Uri, reviewedFiles: readonly string[], findings: readonly Finding[], reviewId?: string): void {
    if (reviewId) for (const f of findings) this.reviewOf.set(f.id, reviewId);
    const files = new Set([...reviewedFiles, ...findings.map((f) => f.file)]);
    for (const file of files) {
      const uri = vscode.Uri.joinPath(root, file);
      const mine = findings.filter((f) => f.file === file);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      this.byUri.set(uri.toString(), mine);
      for (const f of mine) this.outdated.delete(`${uri.toString()}#${f.id}`);
      this.collection.set(
        uri,
        mine.map((f) => this.toDiagnostic(uri, f, doc)),
      );
    }
  }

  /** Puts one finding back (a dismissal was restored). */
  add(uri: vscode.Uri, finding: Finding): void {
    const mine = [...(this.byUri.get(uri.toString()) ?? []).filter((f) => f.id !== finding.id), finding];
    this.setFile(uri, mine);
  }

  /** Moves the document's diagnostics with an edit (VS Code does not); edited code marks them outdated. */
  follow(doc: vscode.TextDocument, edits: readonly TextEdit[]): void {
    const mine = this.byUri.get(doc.uri.toString());
    if (!mine?.length || !edits.length) return;
    let changed = false;
    const moved = mine.map((f) => {
      const next = moveFinding(f, edits, lineLengthBefore(doc, f.endLine - 1, edits));
      const key = `${doc.uri.toString()}#${f.id}`;
      changed ||=
        next.finding.startLine !== f.startLine ||
        next.finding.endLine !== f.endLine ||
        (next.outdated && !this.outdated.has(key));
      if (next.outdated) this.outdated.add(key);
      return next.finding;
    });
    // Typing inside a line that holds no finding moves nothing: Problems is left alone.
    if (changed) this.setFile(doc.uri, moved);
  }

  clear(): void {
    this.collection.clear();
    this.byUri.clear();
    this.reviewOf.clear();
    this.outdated.clear();
  }

  private setFile(uri: vscode.Uri, findings: Finding[]): void {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    this.byUri.set(uri.toString(), findings);
    this.collection.set(
      uri,
      findings.map((f) => this.toDiagnostic(uri, f, doc)),
    );
  }

  private isOutdated(uri: vscode.Uri, f: Finding): boolean {
    return this.outdated.has(`${uri.toString()}#${f.id}`);
  }

  /** A fixed finding leaves Problems (and its squiggle); the file's other findings stay. */
  resolve(uri: vscode.Uri, findingId: string): void {
    const mine = this.byUri.get(uri.toString());
    if (!mine?.some((f) => f.id === findingId)) return;
    this.setFile(
      uri,
      mine.filter((f) => f.id !== findingId),
    );
  }

  /** Takes one finding out of Problems (it was dismissed). */
  remove(uri: vscode.Uri, findingId: string): void {
    this.setFile(
      uri,
      (this.byUri.get(uri.toString()) ?? []).filter((f) => f.id !== findingId),
    );
  }

  find(uri: vscode.Uri, findingId: string): Finding | undefined {
    return this.byUri.get(uri.toString())?.find((f) => f.id === findingId);
  }

  /**
   * The hover reads "Critical: <title> [Security, Correctness]", the explanation, then the source; no
   * opaque id. Critical and high share the Error squiggle, so the word tells them apart. The link to
   * the panel is the "Show in review panel" quick fix (a diagnostic's code link may not run commands).
   */
  private toDiagnostic(uri: vscode.Uri, f: Finding, doc?: vscode.TextDocument): vscode.Diagnostic {
    const d = new vscode.Diagnostic(
      findingRange(f, doc),
      diagnosticMessage(f, this.isOutdated(uri, f)),
      SEVERITY[f.severity],
    );
    d.source = DIAGNOSTIC_SOURCE;
    return d;
  }

  /** Diagnostics come back to code actions as copies: the finding is found by its line and message. */
  private findingOf(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): Finding | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
    return this.byUri
      .get(doc.uri.toString())
      ?.find(
        (f) =>
          diagnostic.message === diagnosticMessage(f, this.isOutdated(doc.uri, f)) &&
          diagnostic.range.start.line === findingRange(f, doc).start.line,
      );
  }

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ctx.diagnostics) {
      const finding = this.findingOf(doc, diagnostic);
      if (!finding) continue;
      if (finding.suggestedFix && !this.isOutdated(doc.uri, finding)) {
        const fix = new vscode.CodeAction(`Apply suggested fix: ${finding.title}`, vscode.CodeActionKind.QuickFix);
        // Through the command, not a ready edit: it checks the lines are unchanged and previews the diff.
        fix.command = {
          command: 'claudeMultiAgent.applyFix',
          title: 'Apply suggested fix',
          arguments: [doc.uri, finding.id],
        };
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
      }
      const ask = new vscode.CodeAction('Ask a follow-up about this finding', vscode.CodeActionKind.QuickFix);
      ask.command = {
        command: 'claudeMultiAgent.askAboutFinding',
        title: 'Ask a follow-up',
        arguments: [findingQuestion(doc.uri, finding)],
      };
      ask.diagnostics = [diagnostic];
      actions.push(ask);
      const reviewId = this.reviewOf.get(finding.id);
      if (reviewId) {
        const open = new vscode.CodeAction('Show in review panel', vscode.CodeActionKind.QuickFix);
        open.command = {
          command: 'claudeMultiAgent.reopenReview',
          title: 'Show in review panel',
          arguments: [reviewId],
        };
        open.diagnostics = [diagnostic];
        actions.push(open);
      }
      const dismiss = new vscode.CodeAction('Dismiss finding…', vscode.CodeActionKind.QuickFix);
      dismiss.command = {
        command: 'claudeMultiAgent.dismissFinding',
        title: 'Dismiss finding…',
        arguments: [doc.uri, finding.id],
      };
      dismiss.diagnostics = [diagnostic];
      actions.push(dismiss);
    }
    return actions;
  }

  dispose(): void {
    this.registration.dispose();
    this.collection.dispose();
  }
}

/** "Critical: <title> [experts]\n<explanation>" (the chat reads it back: chat/editorFiles.ts); "(outdated)" after the title once its code was edited. */
export const diagnosticMessage = (f: Finding, outdated = false): string =>
  `${SEVERITY_LABEL[f.severity]}: ${f.title}${outdated ? ' (outdated)' : ''}${f.experts.length ? ` [${f.experts.join(', ')}]` : ''}\n${f.explanation}`;

/**
 * The edit that replaces the finding's fix lines with the suggested text. It needs confirmation, so
 * VS Code shows it as a diff in the refactor preview and applies it only when the user accepts.
 */
export function fixEdit(doc: vscode.TextDocument, finding: Finding): vscode.WorkspaceEdit {
  const fix = finding.suggestedFix!;
  const edit = new vscode.WorkspaceEdit();
  const metadata: vscode.WorkspaceEditEntryMetadata = {
    needsConfirmation: true,
    label: `Suggested fix: ${finding.title}`,
    description: finding.experts.join(', '),
  };
  edit.replace(doc.uri, findingRange(fix, doc), fix.replacement.replace(/\n$/, ''), metadata);
  return edit;
}

/** The document's lines (without line ends), for the staleness check. */
export function documentLines(doc: vscode.TextDocument): string[] {
  return Array.from({ length: doc.lineCount }, (_, i) => doc.lineAt(i).text);
}

/** What the chat needs to ask about a finding (the argument of claudeMultiAgent.askAboutFinding). */
export interface FindingQuestion {
  file: string;
  startLine: number;
  endLine: number;
  title: string;
  explanation: string;
}

export const findingQuestion = (uri: vscode.Uri, f: Finding): FindingQuestion => ({
  file: uri.toString(),
  startLine: f.startLine,
  endLine: f.endLine,
  title: f.title,
  explanation: f.explanation,
});
