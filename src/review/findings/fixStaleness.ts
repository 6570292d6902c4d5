// A suggested fix replaces whole lines by number. If the file changed since the review, those numbers
// may now point at other code: the fix is applied only while the lines still read as the experts saw them.
import type { SuggestedFix } from './types';

const trimEol = (line: string): string => line.replace(/\r$/, '');

/**
 * Why `fix` must not be applied to a file whose lines are `currentLines` (0-based array of the file's
 * lines), in words for the user, or undefined when the target lines are unchanged.
 */
export function staleFixReason(fix: SuggestedFix, currentLines: readonly string[]): string | undefined {
  if (fix.seen === undefined)
    return 'the review did not record the lines this fix replaces; run the review again to apply it.';
  const lines = fix.startLine === fix.endLine ? `line ${fix.startLine}` : `lines ${fix.startLine}-${fix.endLine}`;
  if (fix.endLine > currentLines.length)
    return `the file is now shorter than ${lines}; it changed since the review. Run the review again.`;
  const now = currentLines.slice(fix.startLine - 1, fix.endLine).map(trimEol);
  const seen = fix.seen.split('\n').map(trimEol);
  const same = now.length === seen.length && now.every((line, i) => line === seen[i]);
  return same
    ? undefined
    : `${lines} changed since the review, so the fix could replace different code. Run the review again.`;
}
