// What a queued expert's lane says while it waits: for the cache being written, or its place in line.
import type { QueuedNotice } from '../core';

export function queuedNote(queued: QueuedNotice): string {
  if (queued.reason === 'cache')
    return 'Queued: waiting for the first expert on this model to write the shared context to the cache.';
  return `Queued: ${ordinal(queued.position)} in line (at most ${queued.limit} request${queued.limit === 1 ? '' : 's'} at once).`;
}

const ordinal = (n: number): string =>
  `${n}${n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th'}`;
