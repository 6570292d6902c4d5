// Models sometimes wrap JSON in code fences or prose even when asked not to; this finds the answer.

const MAX_STARTS = 200;

/** A balanced {...} or [...] starting at `from`, string-aware; undefined when it never closes. */
function balancedAt(text: string, from: number): string | undefined {
  const open = text[from];
  const close = open === '{' ? '}' : ']';
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === open) depth++;
    else if (ch === close && --depth === 0) return text.slice(from, i + 1);
  }
  return undefined;
}

function* candidates(text: string): Generator<string> {
  yield text.trim();
  for (const fence of text.matchAll(/```[a-zA-Z0-9_-]*[ \t]*\r?\n([\s\S]*?)```/g)) yield fence[1]!.trim();
  let starts = 0;
  for (let i = 0; i < text.length && starts < MAX_STARTS; i++) {
    if (text[i] !== '{' && text[i] !== '[') continue;
    starts++;
    const span = balancedAt(text, i);
    if (span) yield span;
  }
}

/**
 * The first JSON value in `text` that `accept` approves: the whole text, then fenced blocks, then
 * balanced {...} and [...] spans in order. Without one, `sawJson` tells "no JSON" from "JSON of the
 * wrong shape", so callers can say which.
 */
export function findJson(text: string, accept: (value: unknown) => boolean): { value: unknown } | { sawJson: boolean } {
  let sawJson = false;
  for (const candidate of candidates(text)) {
    let value: unknown;
    try {
      value = JSON.parse(candidate);
    } catch {
      continue;
    }
    sawJson = true;
    if (accept(value)) return { value };
  }
  return { sawJson };
}
