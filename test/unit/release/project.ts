// The project's published identity, read from package.json: the one place the repository URL, the version and
// the package name are written. Everything else (homepage, bugs, the action's `uses:`, pinned examples,
// CHANGELOG links) is checked against it.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');

export interface Manifest {
  name: string;
  version: string;
  publisher: string;
  license: string;
  private?: boolean;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  keywords?: string[];
  categories?: string[];
  repository?: { type?: string; url?: string } | string;
  homepage?: string;
  bugs?: { url?: string } | string;
  main: string;
  bin?: Record<string, string>;
  files?: string[];
  scripts: Record<string, string>;
  engines: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

export const manifest = (): Manifest => JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

/** `https://github.com/<owner>/<name>` and `<owner>/<name>` from package.json's repository, or throws. */
export function repository(pkg: Manifest = manifest()): { url: string; slug: string } {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  const m = /^(?:git\+)?https:\/\/github\.com\/([\w.-]+\/[\w.-]+?)(?:\.git)?$/.exec(raw ?? '');
  if (!m) throw new Error(`package.json's repository ${JSON.stringify(raw)} is not a GitHub https URL`);
  return { url: `https://github.com/${m[1]}`, slug: m[1]! };
}

/** The action's tag for this version's major (`v0`, `v1` …): what `uses: <slug>@…` examples name. */
export const actionTag = (version: string): string => `v${version.split('.')[0]}`;
