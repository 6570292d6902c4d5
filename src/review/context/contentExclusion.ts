// Exclusions that need the text and are about usefulness, not privacy: generated and minified code.
// (Secret content is the content policy's decision: src/policy.)
import { generatedReason, minifiedReason } from './contentChecks';
import type { ExcludedFile } from './types';

/** For whole files: generated markers near the top, or minified-looking line lengths. */
export function generatedOrMinifiedExclusion(
  path: string,
  text: string,
  lines: readonly string[],
): ExcludedFile | undefined {
  const generated = generatedReason(lines);
  if (generated) return { path, reason: 'generated', detail: `generated file (${generated})` };
  const minified = minifiedReason(text, lines.length);
  if (minified) return { path, reason: 'minified', detail: `looks minified (${minified})` };
  return undefined;
}
