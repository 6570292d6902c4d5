// The shared block, built once: the listing as data is exactly what the rendered text shows (so
// fingerprints and fix checks need not read the text back), and the block names its cached prefix as
// the fan-out does (so an estimate knows when it is warm).
import assert from 'node:assert/strict';
import { planCache } from '../../../src/core';
import { gatherContext, sharedBlock, type GatheredContext, type ReviewTarget } from '../../../src/review';
import { MemoryWorkspaceFs } from '../../support/memoryWorkspaceFs';

const ROOT = '/w';
const fs = new MemoryWorkspaceFs(ROOT, [
  ['src/a.ts', 'const a = 1;\nconst b = a + 1; // a | b\n\n  return "<file path=\\"x\\">";\n'],
  ['src/b & c.ts', 'export {};\n'],
]);

const gather = (target: ReviewTarget): Promise<GatheredContext> =>
  gatherContext({ fs, workspaceRoot: ROOT, target, budgetTokens: 10_000 });

/** The numbered lines of a rendered system text, read back (what the pipeline no longer does). */
function readBack(systemText: string): Map<string, Map<number, string>> {
  const files = new Map<string, Map<number, string>>();
  let current: Map<number, string> | undefined;
  for (const line of systemText.split('\n')) {
    const open = /^<file path="([^"]*)"/.exec(line);
    if (open) {
      current = new Map();
      files.set(
        open[1]!
          .replace(/&quot;/g, '"')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>')
          .replace(/&amp;/g, '&'),
        current,
      );
    } else if (line === '</file>') current = undefined;
    else {
      const numbered = current && /^ *(\d+)\|[ +](.*)$/.exec(line);
      if (numbered) current!.set(Number(numbered[1]), numbered[2]!);
    }
  }
  return files;
}

const asObject = (listing: GatheredContext['listing']) =>
  Object.fromEntries([...listing].map(([path, lines]) => [path, [...lines]]));

describe('review: the shared block', () => {
  it('lists as data exactly what the text shows, for files, a selection and a diff', async () => {
    const diffText = [
      'diff --git a/src/a.ts b/src/a.ts',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -1,3 +1,3 @@',
      ' const a = 1;',
      '-const b = a;',
      '+const b = a + 1; // a | b',
      ' ',
      '',
    ].join('\n');
    for (const target of [
      { kind: 'paths', paths: ['src'] },
      { kind: 'selection', path: 'src/a.ts', startLine: 2, endLine: 3, text: 'const b = a + 1; // a | b\n' },
      { kind: 'diff', diffText },
    ] as ReviewTarget[]) {
      const context = await gather(target);
      assert.ok(context.listing.size > 0, target.kind);
      assert.deepEqual(asObject(context.listing), asObject(readBack(context.systemText)), target.kind);
    }
  });

  it('puts the rules first and names its prefix as the fan-out caches it', async () => {
    const context = await gather({ kind: 'paths', paths: ['src'] });
    const rules = '<project-rules>Document every export.</project-rules>';
    const block = sharedBlock(context, rules);
    assert.deepEqual(block.blocks, [rules, context.systemText]);
    const planned = planCache({
      model: 'm',
      messages: [],
      cacheSharedSystem: true,
      sharedSystem: block.system,
      ttl: '5m',
    });
    assert.equal(
      block.prefixKey,
      planned.sharedPrefix,
      'the estimate asks the warm-cache registry with the fan-out’s key',
    );
    assert.equal(block.listing, context.listing);

    const plain = sharedBlock(context);
    assert.equal(plain.system, context.systemText, 'without rules: the code as one block');
    assert.equal(
      plain.prefixKey,
      planCache({ model: 'm', messages: [], cacheSharedSystem: true, sharedSystem: plain.system, ttl: '5m' })
        .sharedPrefix,
    );
  });
});
