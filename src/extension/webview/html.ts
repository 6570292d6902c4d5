// Host-side entry for webview documents: resolves resource URIs for a webview, picks a fresh nonce
// and hands everything to the vscode-free template.
import * as vscode from 'vscode';
import { RECORD_HOST_MESSAGES_ATTRIBUTE, RECORD_WEBVIEW_MESSAGES_ENV } from '../../shared/testHooks';
import { buildWebviewHtml, getNonce } from './html-template';

export { getNonce };

export type WebviewScript = 'reviewMain' | 'chatMain' | 'delegateMain';

export interface WebviewHtmlOptions {
  script: WebviewScript;
  /** File names under `media/`, e.g. `['base.css', 'review.css']`. */
  styles: string[];
  title: string;
  bodyAttributes?: Record<string, string>;
}

function mediaFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'media');
}

function scriptFolder(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** Scripts on, and the webview may load files from exactly these two folders and nothing else. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: [mediaFolder(extensionUri), scriptFolder(extensionUri)],
  };
}

export function renderWebviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, opts: WebviewHtmlOptions): string {
  const asUri = (folder: vscode.Uri, file: string) =>
    webview.asWebviewUri(vscode.Uri.joinPath(folder, file)).toString();
  return buildWebviewHtml({
    cspSource: webview.cspSource,
    nonce: getNonce(),
    scriptUri: asUri(scriptFolder(extensionUri), `${opts.script}.js`),
    styleUris: opts.styles.map((file) => asUri(mediaFolder(extensionUri), file)),
    title: opts.title,
    bodyAttributes: { ...opts.bodyAttributes, ...testHookAttributes() },
  });
}

/** Test-only: the browser tests ask every page to record the messages it receives (see shared/testHooks.ts). */
function testHookAttributes(): Record<string, string> {
  return process.env[RECORD_WEBVIEW_MESSAGES_ENV] === '1' ? { [RECORD_HOST_MESSAGES_ATTRIBUTE]: '' } : {};
}
