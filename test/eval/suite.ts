// A benchmark suite (`npm run eval -- --suite DIR`): pull requests as unified diffs, each with its
// title, description and golden comments (what a good reviewer says, with a severity, and no line
// numbers), in the shape public code-review benchmarks publish. One folder per pull request:
//   DIR/<id>/pr.diff   the change, `git diff` output (paths relative to the repository)
//   DIR/<id>/pr.json   { "title": "…", "description": "…", "comments": [{ "text": "…", "severity": "high" }] }
// See test/eval/README.md. Errors name the file and what is wrong; nothing is half-read.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { SEVERITIES, type Severity } from '../../src/review';

export interface GoldenComment {
  text: string;
  severity: Severity;
}

export interface SuitePullRequest {
  id: string;
  title: string;
  description: string;
  diffText: string;
  comments: GoldenComment[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readComment(raw: unknown, where: string): GoldenComment {
  if (!isRecord(raw) || typeof raw['text'] !== 'string' || !raw['text'].trim())
    throw new Error(`${where}: every comment needs its text`);
  const severity = typeof raw['severity'] === 'string' ? raw['severity'].toLowerCase() : '';
  if (!(SEVERITIES as readonly string[]).includes(severity))
    throw new Error(
      `${where}: a comment's severity is one of ${SEVERITIES.join(', ')}, not "${String(raw['severity'])}"`,
    );
  return { text: raw['text'].trim(), severity: severity as Severity };
}

export function parsePullRequest(id: string, json: unknown, diffText: string, where: string): SuitePullRequest {
  if (!isRecord(json) || !Array.isArray(json['comments']))
    throw new Error(`${where}: expected { "title", "description", "comments": [{ "text", "severity" }] }`);
  if (!diffText.trim()) throw new Error(`${where}: pr.diff is empty`);
  return {
    id,
    title: typeof json['title'] === 'string' ? json['title'] : '',
    description: typeof json['description'] === 'string' ? json['description'] : '',
    diffText,
    comments: json['comments'].map((c) => readComment(c, where)),
  };
}

export async function loadSuite(dir: string): Promise<SuitePullRequest[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new Error(`--suite ${dir}: ${err.code === 'ENOENT' ? 'no such folder' : err.message}`);
  });
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const prs: SuitePullRequest[] = [];
  for (const id of folders) {
    const json = join(dir, id, 'pr.json');
    const diff = join(dir, id, 'pr.diff');
    const read = (path: string) =>
      fsp.readFile(path, 'utf8').catch(() => {
        throw new Error(`${path}: missing (each pull request folder holds pr.json and pr.diff)`);
      });
    const [jsonText, diffText] = await Promise.all([read(json), read(diff)]);
    let parsed: unknown;
    try {
      parsed = JSON.parse(jsonText);
    } catch (err) {
      throw new Error(`${json}: not JSON (${(err as Error).message})`);
    }
    prs.push(parsePullRequest(id, parsed, diffText, json));
  }
  if (prs.length === 0) throw new Error(`--suite ${dir}: no pull request folders (each holds pr.json and pr.diff)`);
  return prs;
}
