// Scripted sub-agents for the demo responder: a delegation whose task contains DEMO_CHANGE_MARKER is
// planned as two subtasks, one per file, and each sub-agent reads its file (turn 1), proposes one edit
// (turn 2), then summarises (turn 3), over real client-side tool use. Other sub-agents answer in text.
import { isObject } from './simulator/prompt';
import { turnNumber } from './simulator/toolUse';
import type { SimRequest } from './simulator/types';

export const DEMO_CHANGE_MARKER = 'two-part change';

/** The two files of the demo change, in the sample workspace, and the line each agent inserts at the top. */
export const DEMO_CHANGE_FILES = [
  { title: 'Annotate orders', path: 'src/orders.ts', line: '// Checked by the delegation: orders.' },
  { title: 'Annotate pagination', path: 'src/pagination.js', line: '// Checked by the delegation: pagination.' },
] as const;

export function demoChangePlan(task: string): string | undefined {
  if (!task.includes(DEMO_CHANGE_MARKER)) return undefined;
  return JSON.stringify({
    subtasks: DEMO_CHANGE_FILES.map((f) => ({
      title: f.title,
      instructions: `Add a one-line header comment to ${f.path}.`,
    })),
  });
}

const firstUserText = (req: SimRequest): string => {
  const first = req.messages[0];
  if (!isObject(first)) return '';
  const content = first['content'];
  return typeof content === 'string'
    ? content
    : Array.isArray(content)
      ? content.map((b) => (isObject(b) && typeof b['text'] === 'string' ? b['text'] : '')).join('\n')
      : '';
};

/** A sub-agent's next turn, for requests with tools whose subtask names one of the demo files. */
export function demoAgentTurn(
  req: SimRequest,
): string | { text: string; toolUses: Array<{ name: string; input: Record<string, unknown> }> } | undefined {
  if (!req.tools?.length || req.body['tool_choice'] !== undefined) return undefined;
  const subtask = /<your-subtask[\s\S]*?<\/your-subtask>/.exec(firstUserText(req))?.[0] ?? '';
  const file = DEMO_CHANGE_FILES.find((f) => subtask.includes(f.path));
  if (!file) return undefined;
  switch (turnNumber(req.messages)) {
    case 0:
      return {
        text: `I will read ${file.path} first, to see how the file begins before proposing a header comment for it.`,
        toolUses: [{ name: 'read_file', input: { path: file.path, startLine: 1, endLine: 5 } }],
      };
    case 1:
      return {
        text: `Proposing the header for ${file.path}.`,
        toolUses: [
          {
            name: 'propose_edit',
            input: {
              path: file.path,
              startLine: 1,
              endLine: 0,
              newText: file.line,
              reason: `Header comment for ${file.path}.`,
            },
          },
        ],
      };
    default:
      return `Proposed a header comment for ${file.path}.`;
  }
}
