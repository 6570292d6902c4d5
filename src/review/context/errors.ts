import type { ExcludedFile } from './types';

/** Gathering produced nothing to send; `message` is written for the user. */
export class NothingToReviewError extends Error {
  override readonly name = 'NothingToReviewError';
  constructor(
    readonly kind: 'empty-target' | 'all-excluded',
    message: string,
    readonly excluded: ExcludedFile[] = [],
  ) {
    super(message);
  }
}

const SHOWN = 5;

export function allExcludedError(excluded: ExcludedFile[], what: string): NothingToReviewError {
  const shown = excluded.slice(0, SHOWN).map((e) => `${e.path} (${e.detail})`);
  const more = excluded.length > SHOWN ? `; and ${excluded.length - SHOWN} more` : '';
  return new NothingToReviewError(
    'all-excluded',
    `Nothing to review: ${what} was left out: ${shown.join('; ')}${more}.`,
    excluded,
  );
}
