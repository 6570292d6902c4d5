import { findJson } from '../../core';

/** The expert's JSON answer in `text`, or why there is none. */
export function extractJson(text: string, accept: (value: unknown) => boolean): { value: unknown } | { error: string } {
  const found = findJson(text, accept);
  if ('value' in found) return found;
  return {
    error: found.sawJson ? 'the reply contains JSON but no "findings" list' : 'the reply contains no JSON object',
  };
}
