// The one place a Messages API request is put together from a cache plan and the caller's options:
// plain calls, fan-outs, conversations, tool loops and batches all send what this builds, so an option
// added here reaches every kind of request at once. (Which client sends it is client.ts's business.)
import type Anthropic from '@anthropic-ai/sdk';
import type { CachePlan } from './cache';
import { DEFAULT_MAX_TOKENS } from './models';
import type { JsonSchemaOutput } from './types';

/** A request's parameters without `stream`: streamed by the reader, or sent in a batch as they are. */
export type RequestParams = Omit<Anthropic.MessageCreateParamsStreaming, 'stream'>;

/** A tool as the API declares it (see toolDefinition for tools the core runs itself). */
export interface ToolDefinition {
  name: string;
  description: string;
  input_schema: Record<string, unknown>;
}

export interface RequestShape {
  maxTokens?: number;
  /** Sent only when given: current models reject non-default sampling parameters. */
  temperature?: number;
  outputFormat?: JsonSchemaOutput;
  /** Further API parameters, passed through; the fields above win over them. */
  extra?: Record<string, unknown>;
  /** Declared only when there is at least one. */
  tools?: readonly ToolDefinition[];
  /** `any`: the model must call one of the tools. */
  toolChoice?: 'auto' | 'any';
}

/** The API request for a cache plan (system blocks and messages, breakpoints placed) and a shape. */
export function requestParams(model: string, plan: CachePlan, shape: RequestShape): RequestParams {
  const params: Record<string, unknown> = {
    ...shape.extra,
    model,
    max_tokens: shape.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: plan.messages,
  };
  if (plan.system.length) params['system'] = plan.system;
  if (shape.temperature !== undefined) params['temperature'] = shape.temperature;
  if (shape.outputFormat) params['output_config'] = { format: shape.outputFormat };
  if (shape.tools?.length) {
    params['tools'] = shape.tools;
    if (shape.toolChoice === 'any') params['tool_choice'] = { type: 'any' };
  }
  return params as unknown as RequestParams;
}
