// Where each waiting prompt stands in a limiter's line, kept up to date as the line moves. p-limit
// runs its queue first in, first out but says nothing when a task starts; every fan-out sharing a
// limiter registers its waiting prompts here, so a prompt's place is 1 + the registered prompts that
// joined before it and have not started + the tasks other code had queued when it joined (those are
// not seen starting: a place can then stay too high by them, never out of order).
import type { LimitFunction } from 'p-limit';

interface Waiting {
  seq: number;
  /** Queued tasks ahead of it that no ticket stands for. */
  unseenAhead: number;
  place: number;
  moved: (place: number) => void;
}

class Line {
  private nextSeq = 0;
  private readonly waiting = new Set<Waiting>();

  join(pendingCount: number, moved: (place: number) => void): Waiting {
    const w: Waiting = {
      seq: this.nextSeq++,
      unseenAhead: Math.max(0, pendingCount - this.waiting.size),
      place: 0,
      moved,
    };
    this.waiting.add(w);
    w.place = this.placeOf(w);
    return w;
  }

  /** `w` has started: it leaves the line and everyone who joined after it moves up one place. */
  leave(w: Waiting): void {
    if (!this.waiting.delete(w)) return;
    for (const other of this.waiting) {
      if (other.seq < w.seq) continue;
      other.place -= 1;
      other.moved(other.place);
    }
  }

  private placeOf(w: Waiting): number {
    let ahead = 0;
    for (const other of this.waiting) if (other.seq < w.seq) ahead++;
    return 1 + w.unseenAhead + ahead;
  }
}

const lines = new WeakMap<LimitFunction, Line>();

export interface QueueTicket {
  /** Its place when it joined (1 = next). */
  place: number;
  /** Call as the task starts: it leaves the line and those behind it hear their new place. */
  start(): void;
}

/**
 * Joins `limit`'s line just before a task that cannot start at once is handed to it; `moved` hears
 * each new place while it waits.
 */
export function joinLine(limit: LimitFunction, moved: (place: number) => void): QueueTicket {
  let line = lines.get(limit);
  if (!line) lines.set(limit, (line = new Line()));
  const current = line;
  const waiting = current.join(limit.pendingCount, moved);
  return { place: waiting.place, start: () => current.leave(waiting) };
}
