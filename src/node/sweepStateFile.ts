// A sweep's state as a JSON file (default .claude-multi-agent/sweep.json): written atomically, so a
// process killed mid-write leaves the old state or the new one, never half of either.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import type { SweepState, SweepStateStore } from '../review';

export const sweepStateFile = (file: string): SweepStateStore => ({
  async load() {
    let text: string;
    try {
      text = await fsp.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    const state = JSON.parse(text) as Partial<SweepState>;
    if (state.version !== 1 || typeof state.batchId !== 'string' || !state.batchId)
      throw new Error(`${file} is not a sweep state this version can resume; remove it to start over.`);
    return state as SweepState;
  },
  async save(state) {
    await fsp.mkdir(dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await fsp.writeFile(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    await fsp.rename(temp, file);
  },
  clear: () => fsp.rm(file, { force: true }),
});
