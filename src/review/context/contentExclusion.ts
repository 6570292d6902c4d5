// Exclusions that need the text: secrets by content, generated and minified code.
import { generatedReason, minifiedReason } from './contentChecks';
import { findSecret } from './secretContent';
import type { ExcludedFile } from './types';

/** Checked on every text that might be sent: files, selections and diff hunks alike. */
export function secretExclusion(path: string, text: string, where: (line: number) => string): ExcludedFile | undefined {
  const secret = findSecret(text);
  return secret ? { path, reason: 'secret', detail: `contains ${secret.rule} ${where(secret.line)}` } : undefined;
}

/** For whole files: generated markers near the top, or minified-looking line lengths. */
export function generatedOrMinifiedExclusion(path: string, text: string, lines: readonly string[]): ExcludedFile | undefined {
  const generated = generatedReason(lines);
  if (generated) return { path, reason: 'generated', detail: `generated file (${generated})` };
  const minified = minifiedReason(text, lines.length);
  if (minified) return { path, reason: 'minified', detail: `looks minified (${minified})` };
  return undefined;
}
