// Child processes that cannot outlive the run.
//
// Every process is spawned `detached` (its own process group) and tagged with an environment variable that all
// its descendants inherit. Stopping kills the group (SIGTERM, then SIGKILL) and then sweeps /proc for anything
// still carrying the tag (a grandchild that started its own group). A process-exit / SIGINT / SIGTERM hook does
// the same synchronously, so an interrupted or crashed run leaves nothing behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

/** Inherited by every process the harness starts; its value names the harness run. */
export const OWNER_ENV = 'CLAUDE_MULTI_AGENT_E2E_OWNER';
export const OWNER_TOKEN = `${process.pid}-${randomBytes(4).toString('hex')}`;

export class TimeoutError extends Error {
  constructor(what: string, ms: number, detail = '') {
    super(`Timed out after ${ms} ms waiting for ${what}${detail ? `\n${detail}` : ''}`);
    this.name = 'TimeoutError';
  }
}

/** Rejects with a TimeoutError naming `what` when `promise` has not settled after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string, detail?: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(what, ms, detail?.() ?? '')), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A free TCP port on 127.0.0.1 (the OS picks it; released before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** stdout+stderr are appended here as well as kept in memory. */
  logFile?: string;
  /** Echo output to this process's stderr with a prefix (for `npm start`). */
  echo?: boolean;
}

const live = new Set<ManagedProcess>();

export class ManagedProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  private out = '';
  private log?: WriteStream;
  private listeners = new Set<() => void>();
  exitCode: number | null | undefined = undefined;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    opts: SpawnOptions = {},
  ) {
    installExitHooks();
    if (opts.logFile) {
      mkdirSync(dirname(opts.logFile), { recursive: true });
      this.log = createWriteStream(opts.logFile, { flags: 'a' });
      this.log.write(`$ ${command} ${args.join(' ')}\n`);
    }
    this.child = spawn(command, args, {
      cwd: opts.cwd,
      env: { ...(opts.env ?? process.env), [OWNER_ENV]: OWNER_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    live.add(this);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      this.out += text;
      if (this.out.length > 2_000_000) this.out = this.out.slice(-1_000_000);
      this.log?.write(text);
      if (opts.echo) process.stderr.write(text.replace(/^(?=.)/gm, `[${name}] `));
      for (const l of this.listeners) l();
    };
    this.child.stdout!.on('data', onData);
    this.child.stderr!.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.on('error', (err) => {
        this.out += `\n[spawn error] ${err.message}\n`;
        this.exitCode = null;
        live.delete(this);
        for (const l of this.listeners) l();
        resolve(null);
      });
      this.child.on('exit', (code, signal) => {
        this.exitCode = code ?? null;
        this.log?.write(`\n[exited: code ${code} signal ${signal}]\n`);
        live.delete(this);
        for (const l of this.listeners) l();
        resolve(code ?? null);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitCode === undefined;
  }

  output(): string {
    return this.out;
  }

  tail(lines = 40): string {
    return this.out.split('\n').slice(-lines).join('\n');
  }

  /** Resolves with the first match of `re` in the output (past or future); rejects on timeout or exit. */
  waitForOutput(re: RegExp, timeoutMs: number, what = `${this.name} to print ${re}`): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = this.out.match(re);
        if (m) return done(() => resolve(m));
        if (!this.running) {
          return done(() =>
            reject(
              new Error(
                `${this.name} exited (code ${this.exitCode}) before ${what}.\n--- last output ---\n${this.tail()}`,
              ),
            ),
          );
        }
      };
      const timer = setTimeout(
        () =>
          done(() => reject(new TimeoutError(what, timeoutMs, `--- last output of ${this.name} ---\n${this.tail()}`))),
        timeoutMs,
      );
      const done = (f: () => void) => {
        clearTimeout(timer);
        this.listeners.delete(check);
        f();
      };
      this.listeners.add(check);
      check();
    });
  }

  /** SIGTERM to the whole process group, SIGKILL after `graceMs`. Never throws. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.running && this.pid) {
      killGroup(this.pid, 'SIGTERM');
      const exited = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!exited) killGroup(this.pid, 'SIGKILL');
      await Promise.race([this.exited, sleep(2000)]);
    }
    // The group leader may be gone while members linger.
    if (this.pid) killGroup(this.pid, 'SIGKILL');
    live.delete(this);
    this.log?.end();
  }
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** Pids of processes whose environment carries this run's owner token (Linux /proc). */
export function ownedPids(token = OWNER_TOKEN): number[] {
  const needle = `${OWNER_ENV}=${token}\0`;
  const pids: number[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return pids;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const pid = Number(e);
    if (pid === process.pid) continue;
    try {
      if (`${readFileSync(`/proc/${e}/environ`, 'latin1')}\0`.includes(needle)) pids.push(pid);
    } catch {
      /* exited or not ours to read */
    }
  }
  return pids;
}

/** SIGKILLs every process still tagged with this run's token; returns how many there were. */
export function sweepOwned(): number {
  const pids = ownedPids();
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  return pids.length;
}

/** Stops every process started through this module, then sweeps. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
  sweepOwned();
}

const exitCleanups = new Set<() => void>();

/** Runs `fn` (synchronously) if the process exits or is interrupted before `dispose()` is called. */
export function onExitCleanup(fn: () => void): { dispose(): void } {
  installExitHooks();
  exitCleanups.add(fn);
  return { dispose: () => exitCleanups.delete(fn) };
}

let hooksInstalled = false;
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  const killSync = () => {
    for (const p of live) if (p.pid) killGroup(p.pid, 'SIGKILL');
    sweepOwned();
    for (const fn of exitCleanups) {
      try {
        fn();
      } catch {
        /* best effort */
      }
    }
    exitCleanups.clear();
  };
  process.on('exit', killSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      // A program with its own handler (scripts/start.mjs) stops gracefully and exits; 'exit' still sweeps.
      if (process.listenerCount(sig) > 1) return;
      killSync();
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}
