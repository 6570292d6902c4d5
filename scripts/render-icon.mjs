#!/usr/bin/env node
// Renders the Marketplace icon from its source, media/icon-source.svg, into media/icon-128.png and
// media/icon-256.png with librsvg's rsvg-convert (Debian: apt-get install librsvg2-bin). Run it after
// editing the SVG and commit the PNGs: the build does not need a renderer.
// Each PNG carries the SVG's SHA-256 in a tEXt chunk, so a unit test can tell a stale PNG from a fresh one.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTextChunk } from './lib/png.mjs';

const media = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'media');
const source = join(media, 'icon-source.svg');
const sourceHash = createHash('sha256').update(readFileSync(source)).digest('hex');

for (const size of [128, 256]) {
  const out = join(media, `icon-${size}.png`);
  const run = spawnSync('rsvg-convert', ['-w', String(size), '-h', String(size), source], { maxBuffer: 1 << 24 });
  if (run.error || run.status !== 0) {
    const why = run.error ? run.error.message : run.stderr.toString();
    console.error(`render-icon: rsvg-convert failed (${why.trim()}); install it with: apt-get install librsvg2-bin`);
    process.exit(1);
  }
  writeFileSync(out, withTextChunk(run.stdout, 'Source-SHA256', sourceHash));
  console.log(`wrote ${out} (${size}x${size})`);
}
