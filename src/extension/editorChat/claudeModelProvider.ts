// Our Claude models in the editor chat's model picker (contributes.languageModelChatProviders):
// the models the user's key can use, answered through our client (prompt caching, retries, cost),
// so an Anthropic key alone is enough to chat with Claude in the editor's chat.
import * as vscode from 'vscode';
import { runTurn, type TurnMessage, type TurnPart } from '../../chat';
import {
  createClient,
  estimateTokens,
  formatUsd,
  listModels,
  redact,
  type ClientConfig,
  type ModelInfo,
} from '../../core';
import { readSettings } from '../config';
import { connect, isSimulated } from '../connection';
import { priceTable } from '../prices';
import type { Services } from '../services';

/** Claude models read up to 200k tokens; the picker uses this to warn before a prompt is too long. */
const MAX_INPUT_TOKENS = 200_000;

export class ClaudeModelProvider {
  constructor(private readonly services: Services) {}

  /**
   * The models the key can use (models.list). A silent request (the picker refreshing) never asks
   * for a key: with none there are simply no models yet.
   */
  async models(silent: boolean, token: vscode.CancellationToken): Promise<vscode.LanguageModelChatInformation[]> {
    const access = await this.access(silent);
    if (!access) return [];
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    let listed: ModelInfo[];
    try {
      listed = await listModels(createClient(access), abort.signal);
    } catch (err) {
      this.services.logger.warn(`Model picker: the models could not be listed: ${this.clean(err)}`);
      return [];
    } finally {
      cancel.dispose();
    }
    const maxOutputTokens = readSettings().maxTokens;
    return listed.map((m) => ({
      id: m.id,
      name: m.displayName,
      family: m.id,
      version: m.id,
      detail: isSimulated()
        ? 'Claude Multi-Agent (simulated)'
        : m.provider
          ? `Claude Multi-Agent · ${m.provider}`
          : 'Claude Multi-Agent',
      tooltip: `${m.displayName}${m.providerId ? ` (${m.providerId} on ${m.provider})` : ' through your Anthropic key'}, with prompt caching`,
      maxInputTokens: MAX_INPUT_TOKENS,
      maxOutputTokens,
      // Agent mode offers only models that call tools; runTurn passes the editor's tools to Claude.
      capabilities: { toolCalling: true },
    }));
  }

  async respond(
    model: vscode.LanguageModelChatInformation,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    const settings = readSettings();
    const client = await connect(this.services.keys, settings);
    if (!client) throw new Error('No Anthropic API key is set: run "Claude Multi-Agent: Set Anthropic API key".');
    const abort = new AbortController();
    const cancel = token.onCancellationRequested(() => abort.abort());
    try {
      const reply = await runTurn({
        client,
        model: model.id,
        maxTokens: settings.maxTokens,
        prices: priceTable(settings),
        logger: this.services.logger,
        messages: messages.map(toTurnMessage),
        tools: (options.tools ?? []).map((t) => ({
          name: t.name,
          description: t.description,
          ...(t.inputSchema && { inputSchema: t.inputSchema }),
        })),
        toolRequired: options.toolMode === vscode.LanguageModelChatToolMode.Required,
        signal: abort.signal,
        onText: (text) => progress.report(new vscode.LanguageModelTextPart(text)),
        onToolCall: (call) =>
          progress.report(new vscode.LanguageModelToolCallPart(call.id, call.name, toObject(call.input))),
      });
      const u = reply.usage;
      this.services.logger.info(
        `Model picker chat with ${model.id}: ${reply.status}; ${u.inputTokens} input, ${u.cacheReadTokens} cache-read, ${u.cacheWriteTokens} cache-write, ${u.outputTokens} output tokens; ${formatUsd(reply.cost.usd)}`,
      );
      if (reply.status === 'failed') throw new Error(this.clean(reply.error ?? 'The request failed.'));
    } finally {
      cancel.dispose();
    }
  }

  tokenCount(text: string | vscode.LanguageModelChatRequestMessage): number {
    if (typeof text === 'string') return estimateTokens(text);
    return estimateTokens(
      toTurnMessage(text)
        .parts.map((p) => (p.type === 'text' ? p.text : JSON.stringify(p)))
        .join(''),
    );
  }

  /** The provider, key and endpoint; asks for a key only when the user is waiting for it. */
  private access(silent: boolean): Promise<ClientConfig | undefined> {
    return connect(this.services.keys, readSettings(), { silent });
  }

  private clean(err: unknown): string {
    return redact(err instanceof Error ? err.message : String(err), this.services.keys.known());
  }
}

/** A chat message as the turn's parts; images and other data parts are not sent. */
function toTurnMessage(message: vscode.LanguageModelChatRequestMessage): TurnMessage {
  const parts: TurnPart[] = [];
  for (const part of message.content) {
    if (part instanceof vscode.LanguageModelTextPart) parts.push({ type: 'text', text: part.value });
    else if (part instanceof vscode.LanguageModelToolCallPart)
      parts.push({ type: 'toolCall', id: part.callId, name: part.name, input: part.input });
    else if (part instanceof vscode.LanguageModelToolResultPart) {
      const text = part.content.map((c) => (c instanceof vscode.LanguageModelTextPart ? c.value : '')).join('');
      parts.push({ type: 'toolResult', callId: part.callId, text });
    }
  }
  return { role: message.role === vscode.LanguageModelChatMessageRole.Assistant ? 'assistant' : 'user', parts };
}

/** LanguageModelToolCallPart takes an object; a model may (rarely) send another JSON value. */
const toObject = (input: unknown): object => (typeof input === 'object' && input !== null ? input : { value: input });
