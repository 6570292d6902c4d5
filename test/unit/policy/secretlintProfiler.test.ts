import * as assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { secretLintProfiler } from '@secretlint/profiler';
import { findSecret } from '../../../src/policy';

// secretlint's profiler kept every performance mark of the process and searched them all on each new
// one, so scanning thousands of files slowed quadratically and an extension host would leak.
describe('policy: secretlint keeps nothing between scans', () => {
  it('leaves no secretlint marks in the process and nothing in its profiler after many scans', async () => {
    for (let i = 0; i < 200; i++) await findSecret(`// file ${i}\nexport const value${i} = ${i};\n`);
    const marks = performance
      .getEntriesByType('mark')
      .filter((m) => m.name.includes('@secretlint') || m.name.startsWith('secretlint>'));
    assert.deepEqual(marks.map((m) => m.name).slice(0, 3), []);
    assert.equal((await secretLintProfiler.getEntries()).length, 0);
    assert.equal((await secretLintProfiler.getMeasures()).length, 0);
  });

  it('still finds a secret after the profiler is silenced', async () => {
    const token = ['npm_', 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8'].join('');
    const hit = await findSecret(`const registry = "${token}";\n`);
    assert.ok(hit, 'an npm token is found');
  });
});
