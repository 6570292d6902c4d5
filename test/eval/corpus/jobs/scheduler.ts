import { EventEmitter } from 'node:events';

export interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<void>;
}

/**
 * Runs registered jobs on fixed intervals. Tests and the admin "reload jobs" action create a new
 * scheduler, start it and stop the previous one.
 */
export class Scheduler extends EventEmitter {
  private readonly jobs = new Map<string, Job>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Set<string>();
  private started = false;

  register(job: Job): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is already registered`);
    this.jobs.set(job.name, job);
    if (this.started) this.schedule(job);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs.values()) this.schedule(job);
  }

  stop(): void {
    this.started = false;
    this.jobs.clear();
    this.emit('stopped');
  }

  private schedule(job: Job): void {
    const timer = setInterval(() => void this.tick(job), job.everyMs);
    this.timers.set(job.name, timer);
  }

  private async tick(job: Job): Promise<void> {
    if (this.running.has(job.name)) return;
    this.running.add(job.name);
    const started = Date.now();
    try {
      await job.run();
      this.emit('done', job.name, Date.now() - started);
    } catch (err) {
      this.emit('failed', job.name, err);
    } finally {
      this.running.delete(job.name);
    }
  }
}
