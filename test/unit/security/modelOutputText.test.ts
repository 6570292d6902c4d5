// Finding: model output (attacker-influenced through prompt injection) went through quadratic
// regular expressions: the live draft (38 s on 256 KiB, re-run on every streamed update), a plan's
// titles (15.7 s on 128 KiB) and the chat's reading of review findings (6.4 s on 128 KiB). Every
// function that runs patterns on model output gets 1 MiB of the text that made those patterns work
// hardest, and must answer correctly; mocha's timeout is the guard, nothing is timed. (The structural
// check of every pattern in src/ is regexLinearity.test.ts; the secret rules' is linearRules.test.ts.)
import assert from 'node:assert/strict';
import { findJson } from '../../../src/core/extractJson';
import { parsePlan } from '../../../src/delegate';
import { describeCall } from '../../../src/delegate/stepText';
import { parseFindingMessage } from '../../../src/extension/chat/findingMessage';
import { checkEvidence } from '../../../src/review/findings/evidence';
import { kindOf } from '../../../src/review/findings/findingId';
import { parseExpertFindings } from '../../../src/review/findings/parseFindings';
import { readKind } from '../../../src/review/findings/placeFinding';
import { threadBody } from '../../../src/review/findings/threadText';
import { renderDraft, renderSummary } from '../../../src/webview/review/liveDraft';

const MiB = 1024 * 1024;
const fill = (unit: string, size = MiB) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

/** Runs of the characters the quadratic patterns rescanned, ending in a character that makes them fail. */
const shapes: Record<string, string> = {
  'spaces after a bracket': `]${fill(' ')}x`,
  'brackets and spaces': `${fill('] } ')}x`,
  'punctuation run': `${fill('.:;,')}a`,
  'space-bracket pairs': fill(' [a'),
  dashes: `${fill('-')}a`,
  'non-word run': `${fill('!-?')}a`,
  backticks: fill('`'),
  'code fences': fill('```json\n'),
  'unclosed fence': `\`\`\`${fill('a')}`,
  braces: fill('{"a":'),
  'whitespace mix': `${fill(' \t\n')}x`,
};

describe('security: model output through every pattern that reads it, 1 MiB of worst case each', () => {
  it('the live draft renders a streamed answer ending in a long run of spaces', () => {
    const open = '{"summary":"ok","findings":[';
    assert.match(renderDraft(`${open}]${fill(' ')}`), /_No findings\._/);
    assert.match(renderDraft(`${open}]${fill(' ')}}${fill(' ')}`), /_No findings\._/);
    // The finding's case: the empty list parsed, a long run of spaces after it, and the answer goes on
    // (main's pattern took 27 s on 64 KiB of this).
    const streaming = renderDraft(`{"findings":[]${fill(' ')},"summary":"still streaming`);
    assert.doesNotMatch(streaming, /_No findings\._/);
    assert.match(streaming, /still streaming/);
    for (const [what, text] of Object.entries(shapes)) {
      renderDraft(`${open}${text}`);
      renderSummary(`{"summary":"${text.replace(/["\\]/g, '')}`);
      assert.ok(true, what);
    }
  });

  it('a plan whose instructions are a long run of punctuation gets a title', () => {
    const plan = (instructions: string) => JSON.stringify({ subtasks: [{ title: '', instructions }] });
    const parsed = parsePlan(plan(`Fix it${fill('.:;,')}a`), 4);
    assert.equal(parsed.subtasks.length, 1);
    assert.ok(parsed.subtasks[0]!.title.startsWith('Fix it'));
    assert.equal(parsePlan(plan('Tidy the parser...'), 4).subtasks[0]!.title, 'Tidy the parser');
    for (const text of Object.values(shapes)) parsePlan(plan(text), 4);
  });

  it('the chat reads review findings whose titles hold long runs of " [" ', () => {
    const open = parseFindingMessage(`High: title${fill(' [a')}\nwhy`);
    assert.equal(open.severity, 'high');
    assert.equal(open.experts, undefined);
    const closed = parseFindingMessage(`Low: Leak${fill(' [a').replace(/\[/g, '(')} [Security, Performance]\nbecause`);
    assert.deepEqual(closed.experts, ['Security', 'Performance']);
    assert.equal(closed.explanation, 'because');
    assert.deepEqual(parseFindingMessage('Medium: SQL injection [Security]\nx'), {
      severity: 'medium',
      title: 'SQL injection',
      explanation: 'x',
      experts: ['Security'],
    });
    assert.deepEqual(parseFindingMessage('A title x [a [b]'), {
      title: 'A title x',
      explanation: '',
      experts: ['a [b'],
    });
    for (const text of Object.values(shapes)) parseFindingMessage(`Info: ${text}`);
  });

  it('finding kinds, expert findings, quotes checked against code, thread text, JSON extraction and step lines', () => {
    const fenced = `Here:\n\`\`\`json\n{"findings":[]}\n\`\`\`${fill('`')}`;
    assert.deepEqual(
      findJson(fenced, () => true),
      { value: { findings: [] } },
    );
    assert.equal(readKind(`--SQL Injection!!${fill('-')}`), 'sql-injection');
    assert.equal(kindOf({ title: `${fill('!-?')}Race` }), 'race');
    for (const text of Object.values(shapes)) {
      readKind(text);
      kindOf({ title: text });
      // Shapes with '{' or '[' are left out here: JSON extraction tries 200 bracket starts, each a linear
      // scan (bounded, not a pattern), which only makes this test slow.
      if (!/[{[]/.test(text)) {
        findJson(text, () => true);
        parseExpertFindings(text, { expertName: 'Security', knownFiles: [{ path: 'a.ts', startLine: 1, endLine: 9 }] });
      }
      threadBody({
        id: 'x',
        file: 'a.ts',
        startLine: 1,
        endLine: 1,
        severity: 'low',
        title: text.slice(0, 4096),
        explanation: text,
        experts: ['Security'],
        suggestedFix: { startLine: 1, endLine: 1, replacement: text },
      });
      describeCall({ id: 't', name: 'search_text', input: { query: text, glob: text, path: text } });
      checkEvidence(
        { file: 'a.ts', startLine: 1, endLine: 2, evidence: text, rule: text.slice(0, 4096) },
        { listing: new Map([['a.ts', new Map([[1, text]])]]), rulesText: text },
      );
    }
  });
});
