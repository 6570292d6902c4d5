// Message Batches: many requests submitted at once, answered within 24 hours at half the price.
// Each request is built like a streamed one (same cache plan: the shared block carries a breakpoint,
// so requests sharing it read the cache), minus streaming; results come back as JSONL.
import type { MessageBatch, MessageBatchIndividualResponse } from '@anthropic-ai/sdk/resources/messages/batches';
import type { MessageCreateParamsNonStreaming } from '@anthropic-ai/sdk/resources/messages/messages';
import { planCache } from './cache';
import { resolveClient, type ClientConfig, type SdkClient } from './client';
import type { Logger } from './logger';
import { costOf, type CostReport, type PriceTable } from './pricing';
import { requestParams } from './params';
import { sleep, withRetries } from './retry';
import type { JsonSchemaOutput, SystemInput } from './types';
import { fromApiUsage, type Usage } from './usage';

/** Batch requests are billed at half the standard price, cache reads and writes included. */
export const BATCH_PRICE_FACTOR = 0.5;

export interface BatchRequestInput {
  customId: string;
  model: string;
  maxTokens: number;
  /** The block common to several requests: it gets the cache breakpoint. */
  sharedSystem: SystemInput;
  prompt: string;
  outputFormat?: JsonSchemaOutput;
}

export interface BatchRequest {
  custom_id: string;
  params: MessageCreateParamsNonStreaming;
}

export function batchRequest(input: BatchRequestInput, logger?: Logger): BatchRequest {
  const plan = planCache(
    {
      model: input.model,
      sharedSystem: input.sharedSystem,
      cacheSharedSystem: true,
      messages: [{ role: 'user', content: input.prompt }],
    },
    logger,
  );
  const params = requestParams(input.model, plan, {
    maxTokens: input.maxTokens,
    ...(input.outputFormat && { outputFormat: input.outputFormat }),
  });
  return { custom_id: input.customId, params };
}

export async function createBatch(client: SdkClient | ClientConfig, requests: BatchRequest[]): Promise<MessageBatch> {
  return resolveClient(client).messages.batches.create({ requests });
}

export interface PollOptions {
  intervalMs: number;
  signal?: AbortSignal;
  onPoll?: (batch: MessageBatch) => void;
}

/**
 * Polls until the batch has ended (succeeded, errored, canceled or expired requests alike). A poll
 * that fails retryably (overloaded, rate-limited, a dropped connection) is retried as requests are.
 */
export async function waitForBatch(
  client: SdkClient | ClientConfig,
  id: string,
  options: PollOptions,
): Promise<MessageBatch> {
  const sdk = resolveClient(client);
  const signal = options.signal && { signal: options.signal };
  for (;;) {
    const polled = await withRetries(() => sdk.messages.batches.retrieve(id, {}, signal), signal);
    // Not done only when the caller aborted: surface that abort, as the wait below does.
    if (!polled.done) {
      options.signal?.throwIfAborted();
      throw new Error('Batch polling stopped.');
    }
    options.onPoll?.(polled.value);
    if (polled.value.processing_status === 'ended') return polled.value;
    await sleep(options.intervalMs, options.signal);
  }
}

export interface BatchItemResult {
  customId: string;
  status: 'succeeded' | 'errored' | 'canceled' | 'expired';
  text: string;
  usage: Usage;
  model: string;
  /** At the batch price. */
  cost: CostReport;
  error?: string;
}

const half = (r: CostReport): CostReport => ({
  usd: r.usd === undefined ? undefined : r.usd * BATCH_PRICE_FACTOR,
  uncachedUsd: r.uncachedUsd === undefined ? undefined : r.uncachedUsd * BATCH_PRICE_FACTOR,
  inputUsd: r.inputUsd === undefined ? undefined : r.inputUsd * BATCH_PRICE_FACTOR,
});

function toItem(line: MessageBatchIndividualResponse, prices: PriceTable | undefined): BatchItemResult {
  const r = line.result;
  if (r.type !== 'succeeded') {
    const error = r.type === 'errored' ? `${r.error.error.type}: ${r.error.error.message}` : r.type;
    return {
      customId: line.custom_id,
      status: r.type,
      text: '',
      usage: fromApiUsage(undefined),
      model: '',
      cost: { usd: 0, uncachedUsd: 0, inputUsd: 0 },
      error,
    };
  }
  const text = r.message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('');
  const usage = fromApiUsage(r.message.usage);
  return {
    customId: line.custom_id,
    status: 'succeeded',
    text,
    usage,
    model: r.message.model,
    cost: half(costOf(usage, r.message.model, prices)),
  };
}

/** Every result of an ended batch. */
export async function batchResults(
  client: SdkClient | ClientConfig,
  id: string,
  prices?: PriceTable,
): Promise<BatchItemResult[]> {
  const out: BatchItemResult[] = [];
  for await (const line of await resolveClient(client).messages.batches.results(id)) out.push(toItem(line, prices));
  return out;
}
