// Typed, validated messaging with one webview. Everything a webview sends is untrusted (it renders
// model output), so messages only reach the handler after the protocol's parser accepted them.
import type * as vscode from 'vscode';

export interface WebviewChannel<HostMessage, WebviewMessage> {
  post(message: HostMessage): Thenable<boolean>;
  onMessage(handler: (message: WebviewMessage) => void): vscode.Disposable;
}

export function createWebviewChannel<HostMessage, WebviewMessage>(
  webview: vscode.Webview,
  parse: (value: unknown) => WebviewMessage | undefined,
  onInvalid: (value: unknown) => void = () => {},
): WebviewChannel<HostMessage, WebviewMessage> {
  return {
    post: (message) => webview.postMessage(message),
    onMessage: (handler) =>
      webview.onDidReceiveMessage((value: unknown) => {
        const message = parse(value);
        if (message === undefined) onInvalid(value);
        else handler(message);
      }),
  };
}
