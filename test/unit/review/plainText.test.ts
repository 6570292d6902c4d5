// Findings are written in Markdown (backticks, bold, links, lists); surfaces that show text as it is
// (Problems and its hovers, the chat's message box) get plain words instead of raw Markdown syntax.
import assert from 'node:assert/strict';
import { findingDraft } from '../../../src/chat';
import { markdownToPlainText } from '../../../src/review';
import type { Finding } from '../../../src/review';
import { installFakeVscode } from '../../bench/fakeVscode';

const OFF_BY_ONE: Finding = {
  id: 'f1',
  file: 'src/orders.ts',
  startLine: 56,
  endLine: 56,
  severity: 'high',
  title: 'Off-by-one: loop runs one past the end',
  explanation: 'With `<=` the last iteration reads index `length`, which is **undefined**.',
  experts: ['Correctness'],
};

describe('findings: Markdown as plain text where the surface is plain', () => {
  it('drops inline code ticks, emphasis and link syntax, keeping what they mark', () => {
    assert.equal(
      markdownToPlainText('Use `Array.prototype.at` — see [the docs](https://example.com) and **never** `a*b*c`.'),
      'Use Array.prototype.at — see the docs and never a*b*c.',
    );
    assert.equal(markdownToPlainText('Line one\nline two'), 'Line one line two', 'a soft break is a space');
  });

  it('keeps blocks on lines of their own: paragraphs, list items with their markers, code as written', () => {
    assert.equal(
      markdownToPlainText('First.\n\n- one `x`\n- two\n\n1. a\n2. b\n\n```ts\nconst x = a**2;\n```'),
      'First.\n- one x\n- two\n1. a\n2. b\nconst x = a**2;',
    );
  });

  it('leaves plain text alone, HTML-looking text included', () => {
    assert.equal(markdownToPlainText('i <= length, not <script>'), 'i <= length, not <script>');
  });

  it('the chat composer gets the finding in plain words, not Markdown syntax', () => {
    const draft = findingDraft(OFF_BY_ONE);
    assert.equal(
      draft,
      'About "Off-by-one: loop runs one past the end" (line 56): With <= the last iteration reads index length, which is undefined.\n\nWhy is this a problem here, and how should I fix it?',
    );
    assert.doesNotMatch(draft, /`|\*\*|^> /m);
  });

  it('a Problems entry (and its hover) shows the finding without backticks or stars', async () => {
    installFakeVscode();
    const { diagnosticMessage: message } = await import('../../../src/extension/review/findingsDiagnostics');
    assert.equal(
      message(OFF_BY_ONE),
      'High: Off-by-one: loop runs one past the end [Correctness]\nWith <= the last iteration reads index length, which is undefined.',
    );
  });
});
