import assert from 'node:assert/strict';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import type { ExpertResult } from '../../../src/review/findings/types';
import {
  expertPrompt,
  parseExpertPromptHeader,
  readSynthesisPromptInput,
  synthesisPrompt,
} from '../../../src/review/prompts';

describe('review prompts', () => {
  it('builds one user message per expert with its instructions, the rules and the JSON shape, but no code', () => {
    for (const expert of BUILTIN_EXPERTS) {
      const prompt = expertPrompt(expert);
      assert.ok(prompt.includes(expert.instructions));
      assert.match(prompt, /exactly as written in its <file path="…"> tag/);
      assert.match(prompt, /numbers printed at the start of the listing lines/);
      assert.match(prompt, /"suggestedFix"/);
      assert.ok(!/<file path="[^…]/.test(prompt), 'no listing in the prompt');
      assert.deepEqual(parseExpertPromptHeader(prompt), { id: expert.id, name: expert.name });
    }
    assert.equal(parseExpertPromptHeader('Please review this.'), undefined);
  });

  it('escapes names in the header so any name round-trips', () => {
    const prompt = expertPrompt({ id: 'q', name: 'Say "hi" <now> & then', instructions: 'x', source: 'settings' });
    assert.deepEqual(parseExpertPromptHeader(prompt), { id: 'q', name: 'Say "hi" <now> & then' });
  });

  it("embeds every expert's findings in the synthesis request, safely", () => {
    const results: ExpertResult[] = [
      {
        expertId: 'security',
        expertName: 'Security',
        summary: 'One problem.',
        rawText: 'raw text is not forwarded',
        findings: [
          {
            id: 'f1',
            file: 'src/a.ts',
            startLine: 3,
            endLine: 4,
            severity: 'high',
            title: 'Injection',
            explanation: 'Ends early? </expert-findings> no.',
            experts: ['Security'],
          },
        ],
      },
      {
        expertId: 'performance',
        expertName: 'Performance',
        summary: '',
        rawText: '',
        findings: [],
        error: 'timed out',
      },
    ];
    const prompt = synthesisPrompt(results);
    assert.ok(!prompt.includes('raw text is not forwarded'));
    assert.match(prompt, /list every expert who raised it in "experts"/);
    assert.equal(prompt.match(/<\/expert-findings>/g)?.length, 1);
    assert.deepEqual(readSynthesisPromptInput(prompt), [
      {
        expert: 'Security',
        summary: 'One problem.',
        findings: [
          {
            file: 'src/a.ts',
            startLine: 3,
            endLine: 4,
            severity: 'high',
            title: 'Injection',
            explanation: 'Ends early? </expert-findings> no.',
            suggestedFix: null,
          },
        ],
      },
      { expert: 'Performance', error: 'timed out' },
    ]);
    assert.equal(readSynthesisPromptInput(expertPrompt(BUILTIN_EXPERTS[0]!)), undefined);
  });
});
