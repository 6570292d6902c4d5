// The two ways a feature gets a hosted page: an editor panel (review, delegation) or the chat's side
// view. Both get the page under the strict CSP with a fresh nonce and a WebviewHost for everything after.
import * as vscode from 'vscode';
import { renderWebviewHtml, webviewOptions, type WebviewHtmlOptions } from './html';
import { WebviewHost, type WebviewHostOptions } from './webviewHost';

type HostHandlers<W extends { type: string }> = Omit<
  WebviewHostOptions<W>,
  'webview' | 'content' | 'onDidDispose' | 'tornDownWhenHidden'
> & {
  /** The user closed the panel or the view went away (after the host let go of its listeners). */
  onClosed?: () => void;
};

export interface PanelOptions<W extends { type: string }> extends HostHandlers<W> {
  viewType: string;
  page: WebviewHtmlOptions;
  column?: vscode.ViewColumn;
  /** A panel VS Code restored after a reload (a WebviewPanelSerializer's): hosted again instead of a new one. */
  restored?: vscode.WebviewPanel;
}

/**
 * Opens an editor panel beside the active one (without taking the focus) whose page keeps its state
 * while it is a background tab: streams go on arriving there.
 */
export function openPanel<H, W extends { type: string }>(
  extensionUri: vscode.Uri,
  options: PanelOptions<W>,
): { panel: vscode.WebviewPanel; host: WebviewHost<H, W> } {
  const { viewType, page, column, onClosed, restored, ...handlers } = options;
  const panel =
    restored ??
    vscode.window.createWebviewPanel(
      viewType,
      page.title,
      { viewColumn: column ?? vscode.ViewColumn.Beside, preserveFocus: true },
      { ...webviewOptions(extensionUri), retainContextWhenHidden: true },
    );
  if (restored) restored.title = page.title;
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.svg');
  const host = new WebviewHost<H, W>({
    ...handlers,
    webview: panel.webview,
    // A restored panel comes back without its page and with the options it was serialized with.
    content: {
      html: renderWebviewHtml(panel.webview, extensionUri, page),
      ...(restored && { options: webviewOptions(extensionUri) }),
    },
    onDidDispose: { event: panel.onDidDispose, ...(onClosed && { then: onClosed }) },
  });
  return { panel, host };
}

/** Hosts the page of a side view VS Code resolved; its page is torn down whenever the view is hidden. */
export function hostView<H, W extends { type: string }>(
  view: vscode.WebviewView,
  extensionUri: vscode.Uri,
  options: HostHandlers<W> & { page: WebviewHtmlOptions },
): WebviewHost<H, W> {
  const { page, onClosed, ...handlers } = options;
  return new WebviewHost<H, W>({
    ...handlers,
    webview: view.webview,
    content: { html: renderWebviewHtml(view.webview, extensionUri, page), options: webviewOptions(extensionUri) },
    tornDownWhenHidden: view,
    onDidDispose: { event: view.onDidDispose, ...(onClosed && { then: onClosed }) },
  });
}
