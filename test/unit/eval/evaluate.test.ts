// `npm run eval` end to end against the simulator, on two corpus folders: the real pipeline reviews
// them, the run says its figures come from the simulator, records the answers, and scores the
// recording the same way offline.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluate } from '../../eval/evaluate';
import { matchFindings } from '../../eval/score';
import { ALL_EXPERTS } from '../../eval/stages';
import { loadCorpus } from '../../eval/corpus';

describe('eval: npm run eval', () => {
  it('reviews corpus folders on the simulator, says so, records the answers and scores them again offline', async () => {
    const dir = await fsp.mkdtemp(join(tmpdir(), 'cma-eval-'));
    try {
      const lines: string[] = [];
      // No ANTHROPIC_API_KEY in this environment: the run must use the simulator.
      const live = await evaluate(
        ['--only', 'admin,shop-api,billing-refunds', '--record', dir, '--min-confidence', '70'],
        {},
        (l) => lines.push(l),
      );
      const out = lines.join('\n');
      assert.match(out, /local simulator.*\n.*mean NOTHING about model quality/);
      assert.match(out, /12 files reviewed: 12 seeded bugs, 2 clean files; 1 diff case/);
      assert.match(out, /^Expert: Security\n {2}raised by the expert\(s\)\s+\d+\/13/m);
      assert.match(out, /^ {2}− low confidence \(< 70\)\s+\d+\/13/m);
      assert.match(out, /^Diff cases:\n {2}billing-refunds\n {4}(ok|MISS) +billing\/refunds\.ts:35 lost-update/m);
      assert.match(
        out,
        /3 reviews · cost \$\d+\.\d{4} \(\$\d+\.\d{4} a review\) · [\d,]+ input tokens, [\d,]+ output · cache reads \d+% of input/,
      );

      assert.deepEqual(live.reviews.map((r) => r.target).sort(), ['admin', 'diff:billing-refunds', 'shop-api']);
      const shop = live.reviews.find((r) => r.target === 'shop-api')!;
      assert.deepEqual(
        shop.experts.map((e) => e.name),
        ['Security', 'Performance', 'Correctness', 'Maintainability'],
      );
      assert.ok(shop.usage && shop.usage.cacheReadTokens > 0, 'the experts read the cached code');
      // The simulator's rules see string-built SQL: that seeded bug is found after synthesis.
      const bugs = loadCorpus().bugs.filter((b) => b.file === 'shop-api/orders.ts');
      assert.equal(matchFindings(shop.synthesis, bugs).length, 1);

      assert.deepEqual((await fsp.readdir(dir)).sort(), ['admin.json', 'diff-billing-refunds.json', 'shop-api.json']);
      const offline = await evaluate(['--recorded', dir, '--min-confidence', '70'], {}, () => {});
      assert.deepEqual([...offline.scores], [...live.scores]);
      assert.ok(live.scores.get(ALL_EXPERTS)!.get('synthesis')!.found >= 1);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses an unknown verify mode and a folder the corpus does not have', async () => {
    await assert.rejects(
      evaluate(['--verify', 'sometimes'], {}, () => {}),
      /--verify takes off, high-severity, all/,
    );
    await assert.rejects(
      evaluate(['--only', 'nowhere'], {}, () => {}),
      /--only names no corpus folder or diff case/,
    );
  });
});
