// Elapsed time that keeps moving between host updates: the host reports elapsed time only when it
// sends something, so while a section runs the view extrapolates from the last report.
import type { RunStatus } from '../../shared/protocol';
import { isRunning } from './sectionState';

export class ElapsedClock {
  private baseMs: number | undefined;
  private baseAt = 0;
  private running = false;

  /** Call on every update with the host's elapsed time (if any) and the local clock. */
  update(status: RunStatus, elapsedMs: number | undefined, now: number): void {
    const wasRunning = this.running;
    this.running = isRunning(status);
    if (elapsedMs !== undefined) {
      this.baseMs = elapsedMs;
      this.baseAt = now;
    } else if (this.running && !wasRunning && this.baseMs === undefined) {
      this.baseMs = 0;
      this.baseAt = now;
    } else if (!this.running && wasRunning && this.baseMs !== undefined) {
      // Freeze where it got to.
      this.baseMs += now - this.baseAt;
      this.baseAt = now;
    }
  }

  get isRunning(): boolean {
    return this.running;
  }

  read(now: number): number | undefined {
    if (this.baseMs === undefined) return undefined;
    return this.running ? this.baseMs + Math.max(0, now - this.baseAt) : this.baseMs;
  }
}
