// VS Code globs allow {a,b} alternatives, gitignore does not: expand them into several patterns.

/** 'src/*.{js,map}' → ['src/*.js', 'src/*.map']; nested braces expand too. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) {
      const head = pattern.slice(0, open);
      const tail = pattern.slice(i + 1);
      const cuts = [open, ...commas, i];
      const out: string[] = [];
      for (let k = 0; k + 1 < cuts.length; k++) {
        const option = pattern.slice(cuts[k]! + 1, cuts[k + 1]);
        out.push(...expandBraces(head + option + tail));
      }
      return out;
    } else if (ch === ',' && depth === 1) commas.push(i);
  }
  return [pattern]; // unbalanced: leave as written
}
