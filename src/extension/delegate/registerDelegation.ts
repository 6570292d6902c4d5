// Registers "Delegate task to parallel agents…" and the change set's commands (Accept, Discard, …). Cheap at activation: the implementation (and with
// it the SDK) is loaded the first time the command runs.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { CHANGE_COMMANDS } from './changeCommands';
import type { DelegateCommand } from './delegateCommand';

export const DELEGATE_COMMAND = 'claudeMultiAgent.delegate';

/** Registers the `claudeMultiAgent.delegate` command and the change set's commands. */
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
  const changeCommands = Object.values(CHANGE_COMMANDS).map((id) =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      try {
        await (await load()).changeCommand(id, arg);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        services.logger.error(`Delegation changes: ${message}`);
        void vscode.window.showErrorMessage(`Claude Multi-Agent: ${message}`);
      }
    }),
  );
  return new vscode.Disposable(() => {
    command.dispose();
    for (const c of changeCommands) c.dispose();
    void loading?.then((c) => c.dispose());
  });
}
