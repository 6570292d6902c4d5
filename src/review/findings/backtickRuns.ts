// Fences around model text must be longer than any backtick run inside it. Counted in one pass: the
// `Math.max(...runs)` it replaces threw RangeError on text with ~100,000 runs (an argument per run).

/** The length of the longest run of backticks in `text` (0 when there is none). */
export function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) {
      run++;
      if (run > longest) longest = run;
    } else run = 0;
  }
  return longest;
}
