#!/usr/bin/env node
// Prints the CHANGELOG.md section of a version (the GitHub release's notes), and whether it is a pre-release.
// Usage: node scripts/changelog-section.mjs VERSION [CHANGELOG]   (VERSION may start with v, as a tag does)
//        node scripts/changelog-section.mjs --channel VERSION     prints "pre-release" or "release"
import { readFileSync } from 'node:fs';
import { changelogSection, isPreRelease } from './lib/changelog.mjs';

const args = process.argv.slice(2);
try {
  if (args[0] === '--channel') {
    if (!args[1]) throw new Error('usage: changelog-section.mjs --channel VERSION');
    process.stdout.write(`${isPreRelease(args[1]) ? 'pre-release' : 'release'}\n`);
  } else {
    const [version, file = 'CHANGELOG.md'] = args;
    if (!version) throw new Error('usage: changelog-section.mjs VERSION [CHANGELOG]');
    process.stdout.write(`${changelogSection(readFileSync(file, 'utf8'), version)}\n`);
  }
} catch (err) {
  process.stderr.write(`changelog-section: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
