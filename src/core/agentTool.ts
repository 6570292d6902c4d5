// What a tool loop needs of a tool: a name, a JSON schema and `run(input, signal)`. Nothing here knows an
// editor or a file system; tools that read files are written elsewhere against their own ports.
import type { ToolDefinition } from './params';

/** A tool the model may call. `run` resolves with the text sent back as the `tool_result`. */
export interface AgentTool {
  name: string;
  /** Told to the model: what the tool does and when to use it. */
  description: string;
  /** The JSON schema of the input object (the API's `input_schema`). */
  inputSchema: Record<string, unknown>;
  run(input: unknown, signal: AbortSignal): Promise<string>;
}

/**
 * A refusal or failure the model should read and act on (a file outside the workspace, a bad range …).
 * The loop sends its message back as an `is_error` tool result; any other exception is reported the same
 * way but with a generic prefix, since its message was not written for the model.
 */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** The API's tool definition for a tool. */
export const toolDefinition = (tool: AgentTool): ToolDefinition => ({
  name: tool.name,
  description: tool.description,
  input_schema: { type: 'object', ...tool.inputSchema },
});
