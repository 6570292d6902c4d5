// Issue 26: each built-in expert carries its own exclusions and precedents (data beside the expert,
// rendered into its request), and a rules breach must quote the rule it breaks.
import assert from 'node:assert/strict';
import { BUILTIN_EXPERTS } from '../../../src/review/experts';
import { checkEvidence, type Finding } from '../../../src/review/findings';
import { expertPrompt } from '../../../src/review/prompts';

const expert = (id: string) => BUILTIN_EXPERTS.find((e) => e.id === id)!;
/** The prompt's exclusions for one expert: the list after its heading, up to the next blank line. */
const section = (prompt: string, heading: RegExp): string[] => {
  const lines = prompt.split('\n');
  const at = lines.findIndex((l) => heading.test(l));
  if (at < 0) return [];
  const end = lines.findIndex((l, i) => i > at && l.trim() === '');
  return lines.slice(at + 1, end < 0 ? undefined : end).filter((l) => l.startsWith('- '));
};

describe('review: exclusions and precedents per expert', () => {
  it("renders each built-in expert's exclusions and precedents into its own request, and no other expert's", () => {
    const security = expertPrompt(expert('security'));
    const excluded = section(security, /^Not findings for you \(exclusions\)/).join('\n');
    for (const topic of [
      /denial of service/i,
      /rate limits/i,
      /log spoofing/i,
      /environment variables/i,
      /test, fixture/i,
    ])
      assert.match(excluded, topic);
    const precedents = section(security, /^Settled questions \(precedents\)/).join('\n');
    assert.match(precedents, /auto-escaping template/);
    assert.match(precedents, /ORM or query builder with bound parameters/);
    // Inside the expert's own instructions, so a per-expert exclusion never reaches the other experts.
    assert.ok(security.indexOf('log spoofing') < security.indexOf('</expert-instructions>'));
    assert.doesNotMatch(expertPrompt(expert('performance')), /log spoofing/i);
    for (const id of ['correctness', 'maintainability'])
      assert.match(
        section(expertPrompt(expert(id)), /^Not findings for you/).join('\n'),
        /lint-ignore or suppression comment/,
        id,
      );
    assert.match(
      section(expertPrompt(expert('maintainability')), /^Not findings for you/).join('\n'),
      /linter settles/,
    );
  });

  it('every built-in expert has both lists; an expert from settings without them gets none', () => {
    for (const e of BUILTIN_EXPERTS) {
      const prompt = expertPrompt(e);
      assert.ok(section(prompt, /^Not findings for you/).length >= 3, e.id);
      assert.ok(section(prompt, /^Settled questions/).length >= 2, e.id);
    }
    const own = expertPrompt({ id: 'a11y', name: 'Accessibility', instructions: 'Check labels.', source: 'settings' });
    assert.doesNotMatch(own, /Not findings for you|Settled questions/);
  });

  it('experts are told to report medium-confidence candidates and leave the cut to the filters', () => {
    const prompt = expertPrompt(expert('correctness'));
    assert.match(prompt, /Recall first/);
    assert.match(prompt, /confidence 50 or more/);
  });

  it('a rules breach without the quoted rule is unsupported; with a rule that was sent it stands', () => {
    const listing = new Map([['src/a.ts', new Map([[3, "const label = 'Total: ' + total;"]])]]);
    const rulesText = '<project-rules>\n- Use template literals, never string concatenation.\n</project-rules>';
    const breach = (extra: Partial<Finding>) =>
      checkEvidence(
        { file: 'src/a.ts', startLine: 3, endLine: 3, evidence: "'Total: ' + total", ...extra },
        { listing, rulesText },
      );
    for (const kind of ['project-rule', 'rules-violation', 'guideline-breach'])
      assert.deepEqual(breach({ kind }), {
        verdict: 'unsupported',
        reason: 'it reports a rules breach without quoting the rule',
      });
    assert.equal(breach({ kind: 'project-rule', rule: 'never string concatenation' })?.verdict, 'supported');
    assert.equal(breach({ kind: 'string-concatenation' })?.verdict, 'supported', 'not a rules finding');
    assert.equal(breach({ kind: 'ruleset-parsing' })?.verdict, 'supported', 'a word merely starting with "rule"');
    assert.equal(breach({ kind: 'naming-convention' })?.verdict, 'supported', 'a convention is not a project rule');
  });
});
