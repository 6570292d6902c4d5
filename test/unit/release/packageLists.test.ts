// The VSIX and npm file lists, as vsce and npm compute them from .vscodeignore and .npmignore (fast: no build).
// The built packages are checked on a fresh clone by npm run test:package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NPM_FILES, VSIX_ALWAYS, allowedInVsix, lazyFeatureFiles, vsixAfterBuild } from './packageContents';
import { ROOT, manifest } from './project';

describe('package contents', function () {
  this.timeout(120_000); // vsce ls and npm pack take seconds, more on a loaded machine
  it('the VSIX holds only what runs: no sources, tests, configs, maps or the command line', () => {
    const vsce = join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
    const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    const stray = files.filter((f) => !allowedInVsix(f));
    assert.deepEqual(stray, [], `not for the VSIX: ${stray.join(', ')}`);
    for (const f of VSIX_ALWAYS) assert.ok(files.includes(f), `the VSIX holds ${f}`);
    if (existsSync(join(ROOT, 'dist', 'extension.js')))
      for (const f of vsixAfterBuild()) assert.ok(files.includes(f), `the VSIX holds ${f}`);
    assert.ok(lazyFeatureFiles().includes('dist/review.js'), 'LAZY_FEATURES read from esbuild.mjs');
  });

  it('the npm package is the self-contained command line: no dependencies, built on pack, public', () => {
    const pkg = manifest();
    assert.equal(pkg.private, undefined, 'a private package cannot be published');
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'esbuild bundles every runtime dependency; none install for users');
    assert.deepEqual(pkg.bin, { 'claude-multi-agent': 'dist/cli.js' });
    assert.match(pkg.scripts['prepack'] ?? '', /esbuild\.mjs --production/, 'npm pack and git installs build dist/');
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' }),
    ) as Array<{ files: Array<{ path: string }> }>;
    const files = packed!.files.map((f) => f.path).sort();
    const expected = existsSync(join(ROOT, 'dist', 'cli.js'))
      ? NPM_FILES
      : NPM_FILES.filter((f) => f !== 'dist/cli.js');
    assert.deepEqual(files, expected);
  });
});
