import assert from 'node:assert/strict';
import { parseAgentFile } from '../../../src/review/experts/agentFile';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { mergeExperts, selectExperts } from '../../../src/review/experts/mergeExperts';
import { resolveModelAlias } from '../../../src/review/experts/modelAlias';
import { parseSettingsExperts } from '../../../src/review/experts/settingsExperts';
import type { ExpertDefinition } from '../../../src/review/experts/types';

const agent = (front: string, body = 'Review the code for accessibility problems.\n') => `---\n${front}\n---\n${body}`;

describe('review experts', () => {
  it('ships four distinct built-ins with substantial instructions', () => {
    assert.deepEqual(
      BUILTIN_EXPERTS.map((e) => e.id),
      ['security', 'performance', 'correctness', 'maintainability'],
    );
    for (const e of BUILTIN_EXPERTS) {
      assert.equal(e.source, 'builtin');
      assert.ok(e.instructions.length > 1000, `${e.id} instructions are thin`);
      assert.match(e.instructions, /Do not report/, `${e.id} says what not to report`);
      assert.match(e.instructions, /Severity/, `${e.id} gives severity guidance`);
    }
    assert.equal(new Set(BUILTIN_EXPERTS.map((e) => e.instructions)).size, 4);
  });

  describe('agent files (.claude/agents/*.md)', () => {
    it('reads name, description, model and body, and ignores tools', () => {
      const result = parseAgentFile(
        '.claude/agents/a11y.md',
        agent('name: a11y-reviewer\ndescription: Finds accessibility problems\ntools: Read, Grep\nmodel: haiku'),
      );
      assert.ok(result.ok);
      assert.deepEqual(result.expert, {
        id: 'agent:a11y-reviewer',
        name: 'a11y-reviewer',
        description: 'Finds accessibility problems',
        instructions: 'Review the code for accessibility problems.',
        model: 'haiku',
        source: { file: '.claude/agents/a11y.md' },
      });
    });

    it("treats model 'inherit' as no model, and accepts CRLF files", () => {
      const result = parseAgentFile('x.md', agent('name: x\ndescription: y\nmodel: inherit').replace(/\n/g, '\r\n'));
      assert.ok(result.ok);
      assert.equal(result.expert.model, undefined);
      assert.equal(result.expert.instructions, 'Review the code for accessibility problems.');
    });

    const broken: Array<[string, string, RegExp]> = [
      ['no front matter', '# Just markdown\nDo things.', /no YAML front matter/],
      ['malformed YAML', agent('name: [unclosed\ndescription: d'), /not valid YAML/],
      ['front matter not a mapping', agent('- a\n- b'), /mapping/],
      ['missing name', agent('description: d'), /"name" is missing/],
      ['missing description', agent('name: n'), /"description" is missing/],
      ['empty body', agent('name: n\ndescription: d', '\n   \n'), /instructions .* are empty/],
      ['model not a string', agent('name: n\ndescription: d\nmodel: 3'), /"model" must be a string/],
    ];
    for (const [label, text, reason] of broken) {
      it(`reports a problem with the file and reason: ${label}`, () => {
        const result = parseAgentFile('.claude/agents/bad.md', text);
        assert.ok(!result.ok);
        assert.equal(result.problem.source, '.claude/agents/bad.md');
        assert.match(result.problem.reason, reason);
      });
    }
  });

  describe('settings experts', () => {
    it('keeps good entries and reports broken ones with their index', () => {
      const { experts, problems } = parseSettingsExperts([
        { name: 'API Design', instructions: 'Check REST conventions.', model: 'opus' },
        { name: 'No instructions' },
        'not an object',
        { name: 'Docs', instructions: 'Check docs.', description: 'Doc comments', model: 42 },
        { name: 'api design', instructions: 'duplicate by id' },
        { name: 'Docs 2', instructions: 'Check docs again.' },
      ]);
      assert.deepEqual(
        experts.map((e) => [e.id, e.name, e.model, e.source]),
        [
          ['api-design', 'API Design', 'opus', 'settings'],
          ['docs-2', 'Docs 2', undefined, 'settings'],
        ],
      );
      assert.deepEqual(
        problems.map((p) => p.source),
        [
          'settings: claudeMultiAgent.experts[1] "No instructions"',
          'settings: claudeMultiAgent.experts[2]',
          'settings: claudeMultiAgent.experts[3] "Docs"',
          'settings: claudeMultiAgent.experts[4] "api design"',
        ],
      );
      assert.match(problems[0]!.reason, /"instructions" is missing/);
      assert.match(problems[2]!.reason, /"model" must be a string/);
      assert.match(problems[3]!.reason, /already uses the name/);
    });

    it('accepts an unset setting and reports a non-array one', () => {
      assert.deepEqual(parseSettingsExperts(undefined), { experts: [], problems: [] });
      const { experts, problems } = parseSettingsExperts({ name: 'x' });
      assert.equal(experts.length, 0);
      assert.match(problems[0]!.reason, /must be an array/);
    });
  });

  it('resolves Claude Code model aliases', () => {
    assert.equal(resolveModelAlias('sonnet', 'default-model'), 'claude-sonnet-5-5');
    assert.equal(resolveModelAlias('opus', 'default-model'), 'claude-opus-5-5');
    assert.equal(resolveModelAlias('Haiku', 'default-model'), 'claude-haiku-5-5');
    assert.equal(resolveModelAlias('inherit', 'default-model'), 'default-model');
    assert.equal(resolveModelAlias(undefined, 'default-model'), 'default-model');
    assert.equal(resolveModelAlias('claude-opus-4-8', 'default-model'), 'claude-opus-4-8');
  });

  describe('merging and selecting', () => {
    const settingsSecurity: ExpertDefinition = {
      id: 'security',
      name: 'Security',
      instructions: 'Our own security rules.',
      source: 'settings',
    };
    const settingsDocs: ExpertDefinition = { id: 'docs', name: 'Docs', instructions: 'Docs.', source: 'settings' };
    const fileDocs: ExpertDefinition = {
      id: 'docs',
      name: 'docs',
      description: 'd',
      instructions: 'File docs.',
      source: { file: 'a.md' },
    };
    const fileA11y: ExpertDefinition = {
      id: 'a11y',
      name: 'a11y',
      description: 'd',
      instructions: 'A11y.',
      source: { file: 'b.md' },
    };
    const fileA11yAgain: ExpertDefinition = { ...fileA11y, instructions: 'Other.', source: { file: 'c.md' } };

    it('lets settings replace same-id built-ins in place, keeps agent files beside them, and reports duplicates within a source', () => {
      const { experts, problems } = mergeExperts(
        BUILTIN_EXPERTS,
        [settingsSecurity, settingsDocs],
        [fileDocs, fileA11y, fileA11yAgain],
      );
      assert.deepEqual(
        experts.map((e) => e.id),
        ['security', 'performance', 'correctness', 'maintainability', 'docs', 'agent:docs', 'agent:a11y'],
      );
      assert.equal(experts[0]!.instructions, 'Our own security rules.');
      assert.equal(experts[4]!.instructions, 'Docs.');
      assert.equal(experts[5]!.instructions, 'File docs.');
      assert.equal(experts[5]!.name, 'docs (agent file)');
      assert.equal(experts[6]!.instructions, 'A11y.');
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.source, 'c.md');
      assert.match(problems[0]!.reason, /same id "agent:a11y" as the expert in b\.md/);
    });

    it('selects remembered ids that still exist, else built-in and settings experts', () => {
      const { experts } = mergeExperts(BUILTIN_EXPERTS, [settingsDocs], [fileA11y]);
      assert.deepEqual(
        selectExperts(experts, ['agent:a11y', 'security', 'gone']).map((e) => e.id),
        ['security', 'agent:a11y'],
      );
      assert.deepEqual(
        selectExperts(experts, ['gone']).map((e) => e.id),
        ['security', 'performance', 'correctness', 'maintainability', 'docs'],
      );
      assert.equal(selectExperts(experts).length, 5);
    });
  });
});
