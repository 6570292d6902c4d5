import assert from 'node:assert/strict';
import { renderDraft } from '../../../src/webview/review/liveDraft';

describe('review: live rendering of streamed JSON answers', () => {
  const full = JSON.stringify({
    summary: 'Two problems.',
    findings: [
      {
        file: 'src/a.ts',
        startLine: 3,
        endLine: 4,
        severity: 'high',
        title: 'SQL injection',
        explanation: 'Concatenated input.',
        suggestedFix: null,
      },
    ],
  });

  it('shows text of a string still streaming, word by word', () => {
    assert.equal(renderDraft('{"summary": "Two prob'), 'Two prob');
  });

  it('renders findings as they arrive, with severity, place and title', () => {
    const md = renderDraft(full);
    assert.match(md, /^Two problems\./);
    assert.match(md, /\*\*HIGH\*\* `src\/a\.ts` L3–4 — SQL injection/);
    assert.match(md, /Concatenated input\./);
  });

  it('grows monotonically as more of the answer arrives', () => {
    let previous = '';
    for (let i = 20; i <= full.length; i += 7) {
      const md = renderDraft(full.slice(0, i));
      assert.ok(
        md.length >= previous.length - 3,
        `shrank at ${i}: ${JSON.stringify(previous)} -> ${JSON.stringify(md)}`,
      );
      previous = md;
    }
  });

  it('falls back to the raw text when the answer is not JSON', () => {
    assert.equal(renderDraft('I could not review this.'), 'I could not review this.');
  });

  it('says so when there are no findings', () => {
    assert.match(renderDraft('{"summary":"Clean.","findings":[]}'), /No findings/);
  });
});
