// A sweep without Message Batches (Bedrock and Vertex have none): the same groups and experts, sent as
// ordinary requests at full price, one group at a time, each group's block cached (one write, the
// rest reads). Not resumable: nothing is left running on the provider's side when it stops.
import { invokeParallel, type BatchItemResult, type ClientConfig, type SdkClient, type SystemInput } from '../../core';
import { resolveModelAlias, type ExpertDefinition } from '../experts';
import { EXPERT_FINDINGS_SCHEMA } from '../findings';
import type { ReviewSettings } from '../pipeline';
import { expertPrompt } from '../prompts';
import type { SweepState } from './sweepState';

export interface InteractiveSweepInput {
  client: SdkClient | ClientConfig;
  experts: ExpertDefinition[];
  settings: ReviewSettings;
  signal?: AbortSignal;
  /** Told after each group, with the requests answered so far. */
  onGroupDone?: (done: number, total: number) => void;
}

/** Every group × expert answered as a batch item would be (custom ids g{group}-e{expert}), at full price. */
export async function sweepInteractively(
  input: InteractiveSweepInput,
  state: Pick<SweepState, 'groups'>,
  systems: readonly SystemInput[],
): Promise<BatchItemResult[]> {
  const { settings } = input;
  const items: BatchItemResult[] = [];
  for (const [g] of state.groups.entries()) {
    input.signal?.throwIfAborted();
    const results = await invokeParallel(
      input.experts.map((e) => ({
        prompt: expertPrompt(e),
        model: resolveModelAlias(e.model, settings.model),
        outputFormat: { type: 'json_schema' as const, schema: { ...EXPERT_FINDINGS_SCHEMA } },
      })),
      {
        client: input.client as ClientConfig,
        sharedSystem: systems[g] ?? '',
        cacheSharedSystem: true,
        maxTokens: settings.maxTokens,
        maxWorkers: settings.maxConcurrency,
        ...(settings.prices && { prices: settings.prices }),
        ...(settings.cacheTtl && { cacheTtl: settings.cacheTtl }),
        ...(input.signal && { signal: input.signal }),
      },
    );
    results.forEach((r, x) =>
      items.push({
        customId: `g${g}-e${x}`,
        status: r.status === 'completed' ? 'succeeded' : r.status === 'failed' ? 'errored' : 'canceled',
        text: r.text,
        usage: r.usage,
        model: r.model,
        cost: r.cost,
        ...(r.error && { error: r.error.message }),
      }),
    );
    input.onGroupDone?.(items.length, state.groups.length * input.experts.length);
  }
  return items;
}
