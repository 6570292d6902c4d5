// The evaluation corpus (test/eval/corpus): its manifest of seeded bugs, read and checked.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ExpectedBug } from './score';

export const CORPUS_ROOT = join(__dirname, 'corpus');

export interface ManifestBug extends ExpectedBug {
  /** One sentence: what is wrong. */
  what: string;
  /** A piece of the code on those lines, so that an edit that moves the bug is noticed (test/unit/eval). */
  code: string;
}

export type ManifestFile = { file: string; bugs: ManifestBug[] } | { file: string; clean: true };

export interface Corpus {
  files: ManifestFile[];
  bugs: ManifestBug[];
  cleanFiles: Set<string>;
  /** Top-level folders: a run reviews one folder per review, as a user reviews a folder. */
  folders: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLines = (v: unknown): v is [number, number] =>
  Array.isArray(v) &&
  v.length === 2 &&
  v.every((n) => Number.isInteger(n) && (n as number) > 0) &&
  (v[0] as number) <= (v[1] as number);

function readBug(file: string, raw: unknown): ManifestBug {
  if (!isRecord(raw) || !isLines(raw['lines'])) throw new Error(`manifest: a bug of ${file} has no valid lines`);
  const text = (key: string) => {
    const value = raw[key];
    if (typeof value !== 'string' || !value) throw new Error(`manifest: a bug of ${file} has no ${key}`);
    return value;
  };
  return {
    file,
    lines: raw['lines'],
    kind: text('kind'),
    severity: text('severity'),
    what: text('what'),
    code: text('code'),
  };
}

export function parseManifest(json: unknown): Corpus {
  if (!isRecord(json) || !Array.isArray(json['files'])) throw new Error('manifest: expected { files: [...] }');
  const files = json['files'].map((entry): ManifestFile => {
    if (!isRecord(entry) || typeof entry['file'] !== 'string') throw new Error('manifest: every entry needs a file');
    const file = entry['file'];
    if (entry['clean'] === true) return { file, clean: true };
    if (!Array.isArray(entry['bugs']) || entry['bugs'].length === 0)
      throw new Error(`manifest: ${file} needs bugs or clean: true`);
    return { file, bugs: entry['bugs'].map((b) => readBug(file, b)) };
  });
  return {
    files,
    bugs: files.flatMap((f) => ('bugs' in f ? f.bugs : [])),
    cleanFiles: new Set(files.filter((f) => 'clean' in f).map((f) => f.file)),
    folders: [...new Set(files.map((f) => f.file.split('/')[0]!))],
  };
}

export function loadCorpus(root = CORPUS_ROOT): Corpus {
  return parseManifest(JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')));
}

/** The corpus files as a folder review shows them (line number → text), to check recorded quotes against. */
export function corpusListing(files: readonly string[], root = CORPUS_ROOT): Map<string, Map<number, string>> {
  return new Map(
    files.map((file) => {
      const lines = readFileSync(join(root, file), 'utf8').replace(/\r\n?/g, '\n').split('\n');
      return [file, new Map(lines.map((text, i) => [i + 1, text]))];
    }),
  );
}
