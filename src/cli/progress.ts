// Progress on stderr, so stdout stays the report: on a terminal one live line per expert, redrawn in
// place; elsewhere (CI logs) a plain line whenever an expert's status changes.
import type { ReviewEvent } from '../review';

interface Line {
  title: string;
  status: string;
  chars: number;
}

export interface ProgressWriter {
  write(text: string): void;
  isTTY?: boolean;
}

/** Text arrives in many small chunks: redraw for it at most this often (status changes draw at once). */
const TEXT_REDRAW_MS = 100;

export function progressReporter(out: ProgressWriter, now: () => number = Date.now): (event: ReviewEvent) => void {
  const lines = new Map<string, Line>();
  let drawn = 0;
  let drawnAt = -Infinity;
  const draw = (): void => {
    drawnAt = now();
    const text = [...lines.values()].map(
      (l) => `  ${l.title.padEnd(24)} ${l.status}${l.chars ? ` (${l.chars} chars)` : ''}`,
    );
    // Up to the first live line, clear to the end, draw them again.
    out.write(`${drawn ? `\x1b[${drawn}A` : ''}\x1b[0J${text.join('\n')}\n`);
    drawn = text.length;
  };
  return (event) => {
    switch (event.type) {
      case 'expertProblems':
        for (const p of event.problems) out.write(`warning: expert ${p.source}: ${p.reason}\n`);
        return;
      case 'planned':
        out.write(
          `${event.plan.title}: ${event.plan.reviewedFiles.length} files, about ${event.plan.estimate.contextTokens} tokens${event.plan.estimate.groups ? ` in ${event.plan.estimate.groups} context groups (each its own cached block)` : ''}, ${event.plan.estimate.requests} requests${event.plan.estimate.summary ? ` (${event.plan.estimate.summary})` : ''}\n`,
        );
        if (event.plan.leftOut.total)
          out.write(`  ${event.plan.leftOut.total} files left out (ignore rules, secrets, budget)\n`);
        for (const s of event.plan.sections) lines.set(s.id, { title: s.title, status: 'queued', chars: 0 });
        if (out.isTTY) draw();
        return;
      case 'status': {
        const line = lines.get(event.sectionId);
        if (!line) return;
        line.status = event.note ? `${event.status}: ${event.note}` : event.status;
        if (out.isTTY) draw();
        else out.write(`  ${line.title}: ${line.status}\n`);
        return;
      }
      case 'text': {
        const line = lines.get(event.sectionId);
        if (!line) return;
        line.chars += event.text.length;
        if (out.isTTY && now() - drawnAt >= TEXT_REDRAW_MS) draw();
        return;
      }
      case 'gathering':
      case 'expertFindings':
      case 'finished':
        return;
    }
  };
}
