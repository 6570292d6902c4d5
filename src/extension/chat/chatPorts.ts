// What the follow-up chat (src/chat) needs of the editor: the settings and a connection, the file's
// text and where it lives (for the content policy), the review findings VS Code shows for it.
//
// Untrusted workspaces: the chat only ever sends the file the user has open in the editor (an
// explicit choice), and only if the content policy (src/policy) lets it go; nothing else from the workspace is read.
import * as vscode from 'vscode';
import type { ChatEvent, ChatFinding, ChatTarget, FollowUpChatPorts, ThreadStore } from '../../chat';
import { readSettings } from '../config';
import { connect } from '../connection';
import { policyInputs } from '../policy/policyInputs';
import { priceTable } from '../prices';
import { vscodeWorkspaceFs } from '../review/workspaceFsAdapter';
import type { Services } from '../services';
import { fileLabel, findingsFromDiagnostics, workspaceRootFor } from './editorFiles';

/** A file's thread, as the editor knows it. */
export interface EditorTarget extends ChatTarget {
  uri: vscode.Uri;
}

export const targetOf = (doc: vscode.TextDocument): EditorTarget => ({
  uri: doc.uri,
  key: doc.uri.toString(),
  label: fileLabel(doc),
});

export interface ChatOptions {
  /** The latest review findings for a file; defaults to the review diagnostics VS Code shows. */
  findingsFor?: (uri: vscode.Uri) => readonly ChatFinding[] | undefined;
}

export function editorChatPorts(
  services: Services,
  options: ChatOptions,
  store: ThreadStore,
  onEvent: (event: ChatEvent) => void,
): FollowUpChatPorts<EditorTarget> {
  return {
    store,
    connect: async () => {
      const settings = readSettings();
      const client = await connect(services.keys, settings);
      if (!client) return undefined;
      return {
        runtime: {
          client,
          model: settings.model,
          maxTokens: settings.maxTokens,
          maxHistoryTokens: settings['chat.maxHistoryTokens'],
          prices: priceTable(settings),
        },
        budgetTokens: settings.contextTokenBudget,
        exclude: settings.exclude,
      };
    },
    readFile: async ({ uri, label }) => {
      const doc = await vscode.workspace.openTextDocument(uri);
      const root = workspaceRootFor(uri);
      return {
        path: label,
        text: doc.getText(),
        fs: vscodeWorkspaceFs,
        ...(uri.scheme === 'file' && { filePath: uri.fsPath }),
        ...(root !== undefined && { workspaceRoot: root, ...(await policyInputs(uri)) }),
      };
    },
    findings: ({ uri }) => (options.findingsFor ?? findingsFromDiagnostics)(uri) ?? [],
    reviewedCode: (path) => services.reviewedCode?.find(path),
    secrets: () => services.keys.known(),
    logger: services.logger,
    onEvent,
  };
}
