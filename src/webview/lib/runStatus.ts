// The one-line outcome of a whole run (review or delegation).

export type RunOutcome = { status: 'completed' | 'cancelled' | 'failed'; message?: string };

export function runOutcomeText(noun: string, outcome: RunOutcome): string {
  const suffix = outcome.message ? `: ${outcome.message}` : '';
  switch (outcome.status) {
    case 'completed':
      return `${noun} complete${suffix}`;
    case 'cancelled':
      return `${noun} cancelled${suffix}`;
    case 'failed':
      return `${noun} failed${suffix}`;
  }
}
