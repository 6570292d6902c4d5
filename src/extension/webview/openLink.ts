import * as vscode from 'vscode';
import { classifyLink } from '../../shared/protocol';

/**
 * Opens a link from model output: public web links through the editor, links to this machine or a
 * private network only after a modal confirmation naming the host, anything else never.
 */
export async function openModelLink(href: string, warn: (message: string) => void): Promise<void> {
  const kind = classifyLink(href);
  if (kind === 'refused') {
    warn('Refused to open a link that is not http(s).');
    return;
  }
  const uri = vscode.Uri.parse(href, true);
  if (kind === 'local') {
    const host = new URL(href).host;
    const choice = await vscode.window.showWarningMessage(
      `Open a link to ${host}?`,
      {
        modal: true,
        detail: `This link from model output points at ${host}, an address on this machine or your private network. Open it only if you expected it.`,
      },
      'Open link',
    );
    if (choice !== 'Open link') return;
  }
  await vscode.env.openExternal(uri);
}

/** What every page may ask of its host about content it shows: open a link, copy a code block. */
export type ContentAction = { type: 'openLink'; href: string } | { type: 'copyText'; text: string };

export async function runContentAction(action: ContentAction, warn: (message: string) => void): Promise<void> {
  if (action.type === 'openLink') await openModelLink(action.href, warn);
  else await vscode.env.clipboard.writeText(action.text);
}
