// Models sometimes wrap JSON in code fences or prose even when asked not to; this finds the answer.

const MAX_OBJECT_STARTS = 200;

/** Every balanced {...} starting at `from`, string-aware; undefined when it never closes. */
function balancedObjectAt(text: string, from: number): string | undefined {
  let depth = 0;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return text.slice(from, i + 1);
  }
  return undefined;
}

function tryParse(candidate: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(candidate) };
  } catch {
    return undefined;
  }
}

function* candidates(text: string): Generator<string> {
  yield text.trim();
  for (const fence of text.matchAll(/```[a-zA-Z0-9_-]*[ \t]*\r?\n([\s\S]*?)```/g)) yield fence[1]!.trim();
  let starts = 0;
  for (let i = text.indexOf('{'); i !== -1 && starts < MAX_OBJECT_STARTS; i = text.indexOf('{', i + 1), starts++) {
    const object = balancedObjectAt(text, i);
    if (object) yield object;
  }
}

/**
 * The first JSON value in `text` that `accept` approves: the whole text, then fenced blocks, then
 * balanced {...} spans in order. `rejected` tells "no JSON" from "JSON of the wrong shape".
 */
export function extractJson(text: string, accept: (value: unknown) => boolean): { value: unknown } | { error: string } {
  let sawJson = false;
  for (const candidate of candidates(text)) {
    const parsed = tryParse(candidate);
    if (!parsed) continue;
    sawJson = true;
    if (accept(parsed.value)) return parsed;
  }
  return { error: sawJson ? 'the reply contains JSON but no "findings" list' : 'the reply contains no JSON object' };
}
