// Activation must stay small: the production build splits the features into lazily loaded chunks, but
// esbuild puts into the chunks activation loads everything that extension.ts reaches by a static import.
// One static import of an index (the core's, the review's) brought the SDK, markdown-it and yaml back
// into activation (17 KB → 536 KB). This walks the same static graph esbuild does and names the chain.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = join(__dirname, '../../..');
const ENTRY = 'src/extension/extension.ts';

/** What activation must never load: the features' heavy dependencies and the core's client. */
const HEAVY = [
  /node_modules\/@anthropic-ai\//,
  /node_modules\/markdown-it\//,
  /node_modules\/yaml\//,
  /node_modules\/ignore\//,
  /^src\/core\/client\.ts$/,
  /^src\/review\/index\.ts$/,
];

/** Each file reached from the entry by static imports alone, with the file that first imported it. */
function staticGraph(inputs: Metafile['inputs']): Map<string, string | undefined> {
  const parent = new Map<string, string | undefined>([[ENTRY, undefined]]);
  const queue = [ENTRY];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const imp of inputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement' || parent.has(imp.path)) continue;
      parent.set(imp.path, file);
      queue.push(imp.path);
    }
  }
  return parent;
}

function chainTo(parent: Map<string, string | undefined>, file: string): string {
  const chain: string[] = [];
  for (let f: string | undefined = file; f !== undefined; f = parent.get(f)) chain.unshift(f);
  return chain.join(' → ');
}

describe('activation: what extension.ts loads before any command runs', function () {
  this.timeout(30_000);

  it('reaches neither the SDK nor the features’ libraries by a static import', async () => {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      format: 'esm',
      external: ['vscode'],
      write: false,
      outfile: 'out.js',
      metafile: true,
      logLevel: 'silent',
    });
    const parent = staticGraph(result.metafile.inputs);
    assert.ok(parent.size > 5, 'the walk found the entry’s imports');
    const heavy = [...parent.keys()].filter((f) => HEAVY.some((re) => re.test(f)));
    assert.deepEqual(
      heavy.map((f) => chainTo(parent, f)),
      [],
      'import these lazily (await import) or import the single file (ACTIVATION in eslint.config.mjs)',
    );
  });
});
