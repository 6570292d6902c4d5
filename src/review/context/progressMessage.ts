import type { GatherProgress } from './types';

/** The progress notification's text while gathering: "Gathering files… 1200", then how many were read. */
export function gatherProgressMessage(p: GatherProgress): string {
  return p.filesRead === 0
    ? `Gathering files… ${p.filesFound}`
    : `Gathering files… ${p.filesRead} of ${p.filesFound} read`;
}
