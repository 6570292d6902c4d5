// The review's Problems entries read back for the chat: "Severity: title [experts]\nexplanation"
// (see review/findingsDiagnostics.ts). The message holds model output, so it is parsed without a
// regular expression that could rescan it: `/\s\[([^\]]+)\]$/` took 6.4 s on 128 KiB. Pure: no `vscode`.

export interface FindingMessage {
  severity?: 'critical' | 'high' | 'medium' | 'low' | 'info';
  title: string;
  explanation: string;
  experts?: string[];
}

const SEVERITIES = ['Critical', 'High', 'Medium', 'Low', 'Info'] as const;
const isSpace = (ch: string | undefined): boolean => ch !== undefined && ch.trim() === '';

export function parseFindingMessage(message: string): FindingMessage {
  const newline = message.indexOf('\n');
  const line = newline < 0 ? message : message.slice(0, newline);
  const explanation = newline < 0 ? '' : message.slice(newline + 1);
  const label = SEVERITIES.find((s) => line.startsWith(`${s}: `));
  const head = label ? line.slice(label.length + 2) : line;
  const experts = trailingExperts(head);
  return {
    ...(label && { severity: label.toLowerCase() as FindingMessage['severity'] }),
    title: experts ? head.slice(0, experts.at) : head,
    explanation,
    ...(experts && { experts: experts.list }),
  };
}

/**
 * " [a, b]" at the end of `head`: a space, '[', at least one character other than ']', and the final
 * ']'. The first such space after the last inner ']' wins, as the regular expression's leftmost match did.
 */
function trailingExperts(head: string): { at: number; list: string[] } | undefined {
  const close = head.length - 1;
  if (close < 0 || head[close] !== ']') return undefined;
  const afterInnerClose = head.lastIndexOf(']', close - 1) + 1;
  for (let at = afterInnerClose; at + 2 < close; at++) {
    if (head[at + 1] === '[' && isSpace(head[at])) {
      return {
        at,
        list: head
          .slice(at + 2, close)
          .split(',')
          .map((e) => e.trim()),
      };
    }
  }
  return undefined;
}
