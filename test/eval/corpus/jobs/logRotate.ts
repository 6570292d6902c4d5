import { existsSync, promises as fs } from 'node:fs';
import path from 'node:path';

export interface RotateOptions {
  /** The live log file, e.g. /var/log/shop/app.log. */
  file: string;
  /** How many rotated files to keep: app.log.1 … app.log.N. */
  keep: number;
  /** Rotate once the live file is at least this big. */
  maxBytes: number;
}

const rotated = (file: string, n: number) => `${file}.${n}`;

/** Shifts app.log.(N-1) → app.log.N … app.log → app.log.1, dropping the oldest. */
async function shift(file: string, keep: number): Promise<void> {
  await fs.rm(rotated(file, keep), { force: true });
  for (let n = keep - 1; n >= 1; n--) {
    if (existsSync(rotated(file, n))) await fs.rename(rotated(file, n), rotated(file, n + 1));
  }
  await fs.rename(file, rotated(file, 1));
}

/**
 * Rotates the log when it has grown too big. Several worker processes write to the same log and each
 * calls this after every 1,000 lines.
 */
export async function rotateIfNeeded(options: RotateOptions): Promise<boolean> {
  const { file, keep, maxBytes } = options;
  if (!existsSync(file)) return false;
  const { size } = await fs.stat(file);
  if (size < maxBytes) return false;
  await shift(file, keep);
  await fs.writeFile(file, '', { mode: 0o640 });
  return true;
}

export async function pruneOlderThan(dir: string, days: number, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await fs.readdir(dir)) {
    const full = path.join(dir, name);
    const { mtimeMs, isFile } = await fs.stat(full).then((s) => ({ mtimeMs: s.mtimeMs, isFile: s.isFile() }));
    if (isFile && now - mtimeMs > days * 86_400_000) {
      await fs.rm(full);
      removed.push(full);
    }
  }
  return removed;
}
