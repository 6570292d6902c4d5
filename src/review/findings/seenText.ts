// What the experts were shown, line by line, read back from the numbered listing in the system text
// (renderListing.ts: `<file path="…" …>` then `  12| code`, diff lines `  12|+code`, removed lines
// unnumbered). Kept with each suggested fix, so applying it later can tell whether the file moved on.
import type { Finding } from './types';

const FILE_OPEN = /^<file path="([^"]*)"/;
const NUMBERED = /^ *(\d+)\|[ +](.*)$/;

function unescapeAttr(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** path → (line number → text) for every numbered line of every listing in `systemText`. */
export function listedLines(systemText: string): Map<string, Map<number, string>> {
  const files = new Map<string, Map<number, string>>();
  let current: Map<number, string> | undefined;
  for (const line of systemText.split('\n')) {
    const open = FILE_OPEN.exec(line);
    if (open) {
      const path = unescapeAttr(open[1]!);
      current = files.get(path) ?? new Map<number, string>();
      files.set(path, current);
      continue;
    }
    if (line === '</file>') {
      current = undefined;
      continue;
    }
    const numbered = current && NUMBERED.exec(line);
    if (numbered) current!.set(Number(numbered[1]), numbered[2]!);
  }
  return files;
}

/** The findings with each suggested fix carrying the lines it replaces, as shown (left unset if any line was not shown). */
export function withSeenText(findings: readonly Finding[], systemText: string): Finding[] {
  if (!findings.some((f) => f.suggestedFix)) return [...findings];
  const listed = listedLines(systemText);
  return findings.map((f) => {
    const fix = f.suggestedFix;
    if (!fix) return f;
    const lines = listed.get(f.file);
    const seen: string[] = [];
    for (let n = fix.startLine; n <= fix.endLine; n++) {
      const text = lines?.get(n);
      if (text === undefined) return f;
      seen.push(text);
    }
    return { ...f, suggestedFix: { ...fix, seen: seen.join('\n') } };
  });
}
