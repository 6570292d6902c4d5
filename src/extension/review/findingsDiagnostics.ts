import * as vscode from 'vscode';
import { markdownToPlainText, type Finding, type Severity } from '../../review';
import type { Subscription } from './changeEvent';
import type { OpenFinding, OpenFindings } from './openFindings';

const DIAGNOSTIC_SOURCE = 'Claude Multi-Agent';

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

/** Whole lines startLine..endLine (1-based), clamped to the document when it is open. */
export function findingRange(f: Pick<Finding, 'startLine' | 'endLine'>, doc?: vscode.TextDocument): vscode.Range {
  const last = doc ? doc.lineCount - 1 : Number.MAX_SAFE_INTEGER;
  const start = Math.min(Math.max(0, f.startLine - 1), last);
  const end = Math.min(Math.max(start, f.endLine - 1), last);
  const endChar = doc ? doc.lineAt(end).text.length : 10_000;
  return new vscode.Range(start, 0, end, endChar);
}

/**
 * Problems: a view of the workspace's open findings (OpenFindings), with quick fixes and follow-ups
 * as code actions. It keeps no findings of its own: it re-renders a file when the model says it changed.
 */
export class FindingsDiagnostics implements vscode.CodeActionProvider, vscode.Disposable {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];
  private readonly collection = vscode.languages.createDiagnosticCollection('claudeMultiAgent');
  private readonly registration: vscode.Disposable;
  private readonly subscription: Subscription;

  constructor(private readonly findings: OpenFindings) {
    this.registration = vscode.languages.registerCodeActionsProvider({ scheme: 'file' }, this, {
      providedCodeActionKinds: FindingsDiagnostics.providedCodeActionKinds,
    });
    this.subscription = findings.onDidChange((change) => change.uris.forEach((uri) => this.render(uri)));
    for (const uri of findings.uris()) this.render(uri);
  }

  private render(uriString: string): void {
    const uri = vscode.Uri.parse(uriString);
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uriString);
    this.collection.set(
      uri,
      this.findings.shown(uriString).map((item) => this.toDiagnostic(item, doc)),
    );
  }

  /**
   * The hover reads "Critical: <title> [Security, Correctness]", the explanation, then the source; no
   * opaque id. Critical and high share the Error squiggle, so the word tells them apart. The link to
   * the panel is the "Show in review panel" quick fix (a diagnostic's code link may not run commands).
   */
  private toDiagnostic({ finding, outdated }: OpenFinding, doc?: vscode.TextDocument): vscode.Diagnostic {
    const d = new vscode.Diagnostic(
      findingRange(finding, doc),
      diagnosticMessage(finding, outdated),
      SEVERITY[finding.severity],
    );
    d.source = DIAGNOSTIC_SOURCE;
    return d;
  }

  /** Diagnostics come back to code actions as copies: the finding is found by its line and message. */
  private findingOf(doc: vscode.TextDocument, diagnostic: vscode.Diagnostic): OpenFinding | undefined {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
    return this.findings
      .shown(doc.uri.toString())
      .find(
        ({ finding, outdated }) =>
          diagnostic.message === diagnosticMessage(finding, outdated) &&
          diagnostic.range.start.line === findingRange(finding, doc).start.line,
      );
  }

  provideCodeActions(
    doc: vscode.TextDocument,
    _range: vscode.Range,
    ctx: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ctx.diagnostics) {
      const open = this.findingOf(doc, diagnostic);
      if (!open) continue;
      const { finding } = open;
      if (finding.suggestedFix && !open.outdated) {
        const fix = new vscode.CodeAction(`Apply suggested fix: ${finding.title}`, vscode.CodeActionKind.QuickFix);
        // Through the command, not a ready edit: it checks the lines are unchanged and offers Undo.
        fix.command = {
          command: 'claudeMultiAgent.applyFix',
          title: 'Apply suggested fix',
          arguments: [doc.uri, finding.id],
        };
        fix.diagnostics = [diagnostic];
        fix.isPreferred = true;
        actions.push(fix);
        const preview = new vscode.CodeAction(
          `Preview suggested fix: ${finding.title}`,
          vscode.CodeActionKind.QuickFix,
        );
        preview.command = {
          command: 'claudeMultiAgent.previewFix',
          title: 'Preview suggested fix',
          arguments: [doc.uri, finding.id],
        };
        preview.diagnostics = [diagnostic];
        actions.push(preview);
      }
      const ask = new vscode.CodeAction('Ask a follow-up about this finding', vscode.CodeActionKind.QuickFix);
      ask.command = {
        command: 'claudeMultiAgent.askAboutFinding',
        title: 'Ask a follow-up',
        arguments: [findingQuestion(doc.uri, finding)],
      };
      ask.diagnostics = [diagnostic];
      actions.push(ask);
      const { reviewId } = open;
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
    this.subscription.dispose();
    this.registration.dispose();
    this.collection.dispose();
  }
}

/** "Critical: <title> [experts]\n<explanation>" as plain text (Problems and hovers show Markdown raw; the chat reads it back: chat/editorFiles.ts); "(outdated)" after the title once its code was edited. */
export const diagnosticMessage = (f: Finding, outdated = false): string =>
  `${SEVERITY_LABEL[f.severity]}: ${markdownToPlainText(f.title)}${outdated ? ' (outdated)' : ''}${f.experts.length ? ` [${f.experts.join(', ')}]` : ''}\n${markdownToPlainText(f.explanation)}`;

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
