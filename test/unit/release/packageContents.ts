// What each package may hold: the VSIX only what the extension runs, the npm tarball only the command line.
// Shared by the unit tests (listings) and npm run test:package (the built files).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './project';

/** The lazily loaded feature files esbuild.mjs builds beside dist/extension.js (its LAZY_FEATURES keys). */
export function lazyFeatureFiles(): string[] {
  const source = readFileSync(join(ROOT, 'esbuild.mjs'), 'utf8');
  const block = /const LAZY_FEATURES = \{([^}]*)\}/.exec(source)?.[1];
  if (!block) throw new Error('esbuild.mjs has no LAZY_FEATURES');
  return [...block.matchAll(/^\s*(\w+):/gm)].map((m) => `dist/${m[1]}.js`);
}

/** Files (paths as in the repository) the VSIX may hold. */
export function allowedInVsix(file: string): boolean {
  return (
    ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', ...lazyFeatureFiles()].includes(
      file,
    ) ||
    /^(dist\/chunks\/[\w-]+\.js|dist\/webview\/\w+Main\.js|media\/\w+\.css|media\/icon\.svg|media\/icon-256\.png)$/.test(
      file,
    )
  );
}

/** Files the VSIX must hold even before a build, and after one. */
export const VSIX_ALWAYS = [
  'package.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'media/icon-256.png',
  'media/icon.svg',
];
export const vsixAfterBuild = (): string[] => [
  'dist/extension.js',
  ...lazyFeatureFiles(),
  'dist/webview/reviewMain.js',
];

/** The npm tarball: the command line and what npm always adds. */
export const NPM_FILES = ['LICENSE', 'README.md', 'dist/cli.js', 'package.json'];

/**
 * Stated limits (README, Packaging and releases): the VSIX, compressed, and its file count. Raised from
 * 700 KB / 60 files / 300 KB for the Bedrock and Vertex SDKs and undici (lazily loaded chunks in the VSIX).
 */
export const VSIX_MAX_BYTES = 1200 * 1024;
export const VSIX_MAX_FILES = 90;
/** The npm tarball, compressed. */
export const NPM_MAX_BYTES = 900 * 1024;
