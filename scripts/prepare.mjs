#!/usr/bin/env node
// npm's `prepare`: makes `npm install github:<owner>/<repo>` (or any git URL) work, since npm packs a git
// dependency after running `prepare` only, never `prepack`. It builds dist/ when dist/cli.js is missing, as in a
// fresh clone; a local `npm install` with a build in place skips it (`prepack` and `vscode:prepublish` rebuild
// before anything is packaged, so nothing stale is ever shipped).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('dist/cli.js')) {
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { stdio: 'inherit' });
  process.exit(build.status ?? 1);
}
