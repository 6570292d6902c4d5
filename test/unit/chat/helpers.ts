import type { KeyValueStore } from '../../../src/chat';
import { fakeKey } from '../../support/fakeKeys';

// The chat tests reach the simulator the same way the core's do.
export { API_KEY, withSimulator } from '../core/helpers';

/** A Memento-like store: values go through JSON as VS Code's storage does; writes are counted. */
export class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  readonly writes: Array<{ key: string; at: number }> = [];
  failNext = false;

  get<T>(key: string): T | undefined {
    const raw = this.data.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  update(key: string, value: unknown): Promise<void> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('disk full'));
    }
    this.writes.push({ key, at: performance.now() });
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, JSON.stringify(value));
    return Promise.resolve();
  }

  keys(): readonly string[] {
    return [...this.data.keys()];
  }

  /** Stores a raw value, bypassing JSON (to plant corrupt data). */
  plant(key: string, value: unknown): void {
    this.data.set(key, JSON.stringify(value));
  }
}

/** A TypeScript file of about `lines` lines (≈ 60 characters each). */
export const sampleFile = (lines = 150): string =>
  Array.from(
    { length: lines },
    (_, i) => `export function handler${i}(input: number): number { return input * ${i}; }`,
  ).join('\n');

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A secret-shaped value built at run time so the source itself holds none. */
export const fakeAnthropicKey = (): string => fakeKey('api03');
