// "Remember for this project": a dismissed finding drafted into one rule line and added to the
// Learnings section of REVIEW.md, creating the section or the file when missing.
import assert from 'node:assert/strict';
import { applyInsertion, draftLearning, learningInsertion } from '../../../src/review/learnings';
import { readAllowingLines } from '../../support/demoResponder';

const RULE = 'Do not report "SQL" in `scripts/seed.ts`: offline tooling.';
const add = (existing: string | undefined, rule = RULE) => applyInsertion(existing, learningInsertion(existing, rule));

describe('review: learnings in REVIEW.md', () => {
  it("drafts one line naming the finding and its file, from the user's reason", () => {
    const finding = { file: 'scripts/seed.ts', title: 'SQL query built by\n"string" concatenation' };
    assert.equal(
      draftLearning(finding),
      'Do not report "SQL query built by \'string\' concatenation" in `scripts/seed.ts`: dismissed as a false positive.',
    );
    assert.equal(
      draftLearning(finding, 'offline tooling, never user input.'),
      'Do not report "SQL query built by \'string\' concatenation" in `scripts/seed.ts`: offline tooling, never user input.',
    );
  });

  it('creates REVIEW.md with a Learnings section when there is none', () => {
    const text = add(undefined);
    assert.match(text, /^# Review rules\n/);
    assert.match(text, /\n## Learnings\n\n- Do not report "SQL" in `scripts\/seed.ts`: offline tooling.\n$/);
  });

  it('adds the section at the end of a file without one, keeping a blank line before it', () => {
    assert.equal(add('# Rules\n\n- be kind'), `# Rules\n\n- be kind\n\n## Learnings\n\n- ${RULE}\n`);
    assert.equal(add('# Rules\n'), `# Rules\n\n## Learnings\n\n- ${RULE}\n`);
  });

  it('appends to the end of an existing section, before the next heading', () => {
    const before = '# Rules\n\n## Learnings\n\n- first\n\n## Style\n\n- tabs\n';
    assert.equal(add(before), `# Rules\n\n## Learnings\n\n- first\n- ${RULE}\n\n## Style\n\n- tabs\n`);
    assert.equal(add('## Learnings\n- first'), `## Learnings\n- first\n- ${RULE}\n`);
    assert.equal(add('## Learnings\n'), `## Learnings\n\n- ${RULE}\n`);
  });

  it('a saved learning is one the demo reviewer honours (it names the file and the title)', () => {
    const rule = draftLearning({ file: 'scripts/seed.ts', title: 'SQL query built by string concatenation' });
    const lines = readAllowingLines(`<rules-file path="REVIEW.md">\n${add(undefined, rule)}\n</rules-file>`);
    assert.ok(
      lines.some((l) => l.prefix === 'scripts/seed.ts' && l.text.includes('sql query built by string concatenation')),
    );
  });
});
