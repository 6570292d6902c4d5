import { promises as fsp } from 'node:fs';
import type { ReviewStore } from '../review';

/** Stores each finished review as one JSON file (for a command line or a batch sweep). */
export const jsonFileStore = (file: string): ReviewStore => ({
  save: (record) => fsp.writeFile(file, `${JSON.stringify(record, null, 2)}\n`, 'utf8'),
});
