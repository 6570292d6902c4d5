// Fewer, truer findings in a real workbench, against the simulator with the demo responder: with the
// verify pass on, a finding scored below the minimum confidence and one its verifier refutes are kept
// out of the list, counted ("1 low-confidence finding hidden") and listed on one click; the finding
// shown carries its confidence, agreement and verdict.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { FIXTURES_DIR } from '../harness/paths.js';
import { useWorkbench } from '../harness/index.js';

const FILE = 'src/stock.js';

describe('review: low-confidence and refuted findings hidden, shown on demand', function () {
  const session = useWorkbench({
    name: 'review-confidence',
    workspaceFixture: join(FIXTURES_DIR, 'confidence-workspace'),
    settings: { 'claudeMultiAgent.review.verify': 'all' },
    simulator: true,
  });

  it('counts the hidden findings by reason and lists them on Show; the shown one says how sure and who checked it', async () => {
    const { workbench: wb } = session();
    await wb.openFile(FILE);
    await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
    const frame = await wb.webviewFrame(`Review: ${FILE}`);
    await wb.step('the review to finish', 90_000, async () => {
      await frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 89_000 });
    });
    assert.equal(
      await frame.getByTestId('run-status').getAttribute('data-outcome'),
      'completed',
      await frame.getByTestId('run-status').innerText(),
    );
    assert.equal(await frame.locator('[data-testid="section-verification"]').getAttribute('data-status'), 'done');
    assert.match(
      await frame.getByTestId('section-note-verification').innerText(),
      /2 of 2 checked: 1 confirmed, 1 refuted/,
    );

    await frame.getByTestId('findings').waitFor();
    assert.equal(
      (await frame.getByTestId('findings-hidden-lowConfidence').innerText()).trim(),
      '1 low-confidence finding hidden · Show',
    );
    assert.equal(
      (await frame.getByTestId('findings-hidden-refuted').innerText()).trim(),
      '1 refuted finding hidden · Show',
    );
    const titles = () => frame.locator('[data-testid="finding"] .finding-title').allInnerTexts();
    assert.deepEqual(await titles(), ['SQL query built by string concatenation']);
    const shown = frame.getByTestId('finding').first();
    assert.equal(await shown.getByTestId('finding-scores').innerText(), '90% · 1 expert');
    assert.equal(await shown.getByTestId('finding-verdict').innerText(), 'Verified');
    await wb.screenshot('confidence-1-hidden-counted');

    await frame.getByTestId('findings-hidden-toggle-lowConfidence').click();
    await frame.locator('[data-testid="finding"][data-hidden-because="lowConfidence"]').waitFor();
    assert.deepEqual(await titles(), ['SQL query built by string concatenation', 'Unresolved TODO']);
    assert.equal(
      await frame.locator('[data-hidden-because="lowConfidence"] [data-testid="finding-scores"]').innerText(),
      '40% · 1 expert',
    );

    await frame.getByTestId('findings-hidden-toggle-refuted').click();
    const refuted = frame.locator('[data-testid="finding"][data-hidden-because="refuted"]');
    await refuted.waitFor();
    assert.match(await refuted.innerText(), /Off-by-one/);
    assert.match(
      await refuted.getByTestId('finding-verification').innerText(),
      /^Verifier: Line \d+ is marked demo:not-a-bug/,
    );
    await wb.screenshot('confidence-2-hidden-shown');
  });
});
