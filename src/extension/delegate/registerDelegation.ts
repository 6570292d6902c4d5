// Registers "Delegate task to parallel agents…". Cheap at activation: the implementation (and with
// it the SDK) is loaded the first time the command runs.
import * as vscode from 'vscode';
import type { Services } from '../services';
import type { DelegateCommand } from './delegateCommand';

export const DELEGATE_COMMAND = 'claudeMultiAgent.delegate';

/** Registers the `claudeMultiAgent.delegate` command. */
export function registerDelegation(services: Services): vscode.Disposable {
  let loading: Promise<DelegateCommand> | undefined;
  const load = (): Promise<DelegateCommand> =>
    (loading ??= import('./delegateCommand').then(({ DelegateCommand }) => new DelegateCommand(services)));
  const command = vscode.commands.registerCommand(DELEGATE_COMMAND, async (task?: unknown) => {
    try {
      await (await load()).run(typeof task === 'string' ? task : undefined);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      services.logger.error(`Delegation: ${message}`);
      void vscode.window.showErrorMessage(`Claude Multi-Agent: the delegation failed: ${message}`);
    }
  });
  return new vscode.Disposable(() => {
    command.dispose();
    void loading?.then((c) => c.dispose());
  });
}
