// The planner call under a cancellable progress notification. A plan that cannot be used, or a call
// that fails, is logged and shown with what the user can do about it.
import * as vscode from 'vscode';
import { ClaudeInvocationError, formatUsd, type ClaudeResult, type ClientConfig, type Logger } from '../../core';
import { planTask, toolsPrefixExtra, type ParsedPlan } from '../../delegate';
import { priceTable } from '../prices';
import type { Settings } from '../settingsSchema';

export interface PlanRequest {
  task: string;
  /** The code context chosen for the agents, when it may be sent. */
  contextText: string | undefined;
  maxSubtasks: number;
  settings: Settings;
  client: ClientConfig;
  /** The agents get the workspace tools: the planner's prefix carries them, so its cache entry serves the agents. */
  withTools: boolean;
}

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The plan, or undefined when there is none to show (cancelled, unusable, failed: the user was told). */
export async function planWithProgress(
  request: PlanRequest,
  logger: Logger,
  clean: (text: string) => string,
): Promise<{ plan: ParsedPlan; result: ClaudeResult } | undefined> {
  const { task, contextText, maxSubtasks, settings, client, withTools } = request;
  try {
    const planned = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Claude Multi-Agent: planning subtasks…',
        cancellable: true,
      },
      async (_progress, token) => {
        const controller = new AbortController();
        const sub = token.onCancellationRequested(() => controller.abort());
        try {
          return await planTask({
            task,
            maxSubtasks,
            client,
            model: settings.model,
            maxTokens: settings.maxTokens,
            signal: controller.signal,
            logger,
            prices: priceTable(settings),
            ...(contextText && { contextText }),
            ...(withTools && { extra: toolsPrefixExtra() }),
          });
        } finally {
          sub.dispose();
        }
      },
    );
    logger.info(`Delegation planner: ${planned.result.status}; ${formatUsd(planned.result.cost.usd)}.`);
    if (planned.result.status !== 'completed') return undefined; // cancelled by the user
    if (planned.plan.error || planned.plan.subtasks.length === 0) {
      logger.warn(`Delegation planner answer that could not be used:\n${clean(planned.result.text)}`);
      const choice = await vscode.window.showErrorMessage(
        `Could not plan the task: ${planned.plan.error ?? 'no subtasks'}`,
        'Show log',
      );
      if (choice) void vscode.commands.executeCommand('workbench.action.output.show');
      return undefined;
    }
    return planned;
  } catch (err) {
    const message = clean(err instanceof ClaudeInvocationError ? err.message : `Planning failed: ${messageOf(err)}`);
    logger.error(`Delegation planner: ${message}`);
    const keyProblem =
      err instanceof ClaudeInvocationError && (err.kind === 'authentication' || err.kind === 'missingKey');
    const choice = await vscode.window.showErrorMessage(message, ...(keyProblem ? ['Set API key'] : []));
    if (choice === 'Set API key') void vscode.commands.executeCommand('claudeMultiAgent.setApiKey');
    return undefined;
  }
}
