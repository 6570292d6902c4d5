// A suggested fix replaces lines by number: it is applied only while those lines still hold what the
// experts were shown (kept with the fix when the review produces it).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeWorkspaceFs } from '../../../src/node/nodeWorkspaceFs';
import {
  BUILTIN_EXPERTS,
  fanOutExperts,
  gatherContext,
  noWorkspaceFs,
  sharedBlock,
  staleFixReason,
  type SuggestedFix,
} from '../../../src/review';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { startSimulator } from '../../support/simulator';

const FIXTURE = join(__dirname, '../../fixtures/review/demo-app');

describe('security: stale suggested fixes are refused', () => {
  it('a review keeps the text each fix replaces; the fix is stale once those lines change', async () => {
    const key = fakeKey('fix');
    const sim = await startSimulator({
      apiKey: key,
      responder: demoResponder,
      timeToFirstTokenMs: 5,
      tokensPerSecond: 0,
    });
    try {
      const context = await gatherContext({
        fs: nodeWorkspaceFs,
        workspaceRoot: FIXTURE,
        target: { kind: 'paths', paths: ['src'] },
        budgetTokens: 50_000,
      });
      const outcome = await fanOutExperts({
        block: sharedBlock(context),
        experts: BUILTIN_EXPERTS,
        client: { apiKey: key, baseURL: sim.url },
        model: 'claude-sonnet-5-5',
        maxTokens: 4096,
        maxWorkers: 5,
        synthesis: true,
        emit: () => undefined,
      });
      const withFix = outcome.merged.findings.find((f) => f.suggestedFix);
      assert.ok(withFix?.suggestedFix, 'the demo review suggests a fix');
      const fix = withFix.suggestedFix;
      const lines = readFileSync(join(FIXTURE, withFix.file), 'utf8').split('\n');
      assert.equal(
        fix.seen,
        lines.slice(fix.startLine - 1, fix.endLine).join('\n'),
        "the seen text is the file's lines as shown",
      );
      assert.equal(staleFixReason(fix, lines), undefined, 'unchanged file: the fix applies');
      assert.match(staleFixReason(fix, ['// a line added above', ...lines]) ?? '', /changed since the review/);
    } finally {
      await sim.close();
    }
  });

  const fix = (seen?: string): SuggestedFix => ({
    replacement: 'fixed();',
    startLine: 2,
    endLine: 3,
    ...(seen !== undefined && { seen }),
  });
  const file = ['a();', 'b();', 'c();', 'd();'];

  it('checks exactly the target lines, tolerating CRLF', () => {
    assert.equal(staleFixReason(fix('b();\nc();'), file), undefined);
    assert.equal(
      staleFixReason(
        fix('b();\nc();'),
        file.map((l) => `${l}\r`),
      ),
      undefined,
    );
    assert.match(staleFixReason(fix('b();\nc();'), ['a();', 'b();', 'evil();', 'd();']) ?? '', /lines 2-3 changed/);
    assert.match(staleFixReason(fix('b();\nc();'), ['a();', 'b();']) ?? '', /shorter/);
  });

  it('refuses a fix recorded without the text it replaces (an older saved review)', () => {
    assert.match(staleFixReason(fix(), file) ?? '', /run the review again/i);
  });

  it('lists what a diff showed as data: new-file numbers, removed lines skipped', async () => {
    const diffText = [
      'diff --git a/a & b.ts b/a & b.ts',
      '--- a/a & b.ts',
      '+++ b/a & b.ts',
      '@@ -3,3 +3,3 @@',
      ' keep',
      '-old',
      '+new',
      ' tail',
      '',
    ].join('\n');
    const context = await gatherContext({
      fs: noWorkspaceFs,
      workspaceRoot: '/w',
      target: { kind: 'diff', diffText },
      budgetTokens: 10_000,
    });
    const lines = context.listing;
    assert.deepEqual(
      [...(lines.get('a & b.ts') ?? [])],
      [
        [3, 'keep'],
        [4, 'new'],
        [5, 'tail'],
      ],
    );
  });
});
