// The release workflow, the example review workflow (docs/ and README) and the action, validated against the
// SchemaStore schemas (@action-validator/core) and checked for what the schemas cannot see: triggers, secrets
// kept to the publishing jobs, pre-release channels, provenance, and a review that never reports a skip as clean.
import { validateAction, validateWorkflow, type ValidationState } from '@action-validator/core';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from './project';

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  steps: Step[];
  permissions?: Record<string, string>;
  environment?: string;
  'timeout-minutes'?: number;
}
interface Workflow {
  on: Record<string, { tags?: string[]; branches?: string[] } | null>;
  jobs: Record<string, Job>;
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const problems = (state: ValidationState) => JSON.stringify(state.errors, null, 1);
const needsOf = (job: Job) => (typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []));
/** Every action reference is pinned to a major version tag or a full commit SHA. */
const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+|[0-9a-f]{40})$/;

/** The ```yaml blocks of the README and the docs/ pages that are workflows. */
function readmeWorkflows(): string[] {
  const pages = [
    'README.md',
    ...readdirSync(join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`),
  ];
  return pages.flatMap((page) =>
    [...read(page).matchAll(/```ya?ml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^jobs:/m.test(y)),
  );
}

describe('GitHub workflows and the action', () => {
  it('rejects what is not a workflow or an action (the validator is not a no-op)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-onn: ubuntu-latest\n    steps:\n      - run: echo\n';
    assert.ok(validateWorkflow(broken).errors.length > 0);
    const noShell = 'name: a\ndescription: b\nruns:\n  using: composite\n  steps:\n    - run: echo\n';
    assert.ok(validateAction(noShell).errors.length > 0, 'a composite run step needs a shell');
  });

  describe('release workflow', () => {
    const text = read('.github/workflows/release.yml');
    const wf = parse(text) as Workflow;
    const all = (job: string) => wf.jobs[job]!.steps.map((s) => `${s.uses ?? ''}${s.run ?? ''}`).join('\n');

    it('is a valid workflow, run only by a version tag', () => {
      assert.equal(validateWorkflow(text).errors.length, 0, problems(validateWorkflow(text)));
      assert.deepEqual(Object.keys(wf.on), ['push']);
      assert.deepEqual(wf.on['push'], { tags: ['v[0-9]+.[0-9]+.[0-9]+'] });
      assert.equal(wf.concurrency?.['cancel-in-progress'], false, 'never cancel a publish half-way');
    });

    it('tests, checks the tag against package.json and CHANGELOG.md, and packages once, without secrets', () => {
      const build = all('build');
      const order = ['npm ci', 'npm test', 'scripts/changelog-section.mjs', 'npm pack', 'npm run package'];
      const at = order.map((s) => build.indexOf(s));
      assert.ok(
        at.every((i, n) => i >= 0 && (n === 0 || i > at[n - 1]!)),
        `build runs ${order.join(', ')} in order`,
      );
      assert.doesNotMatch(JSON.stringify(wf.jobs['build']), /secrets\./, 'the job that runs npm test holds no secret');
    });

    it('publishes the built files to the Marketplace, Open VSX, npm (with provenance) and a GitHub release', () => {
      const publish = { marketplace: 'VSCE_PAT', 'open-vsx': 'OVSX_PAT', npm: 'NPM_TOKEN' } as const;
      for (const [job, secret] of Object.entries(publish)) {
        assert.deepEqual(needsOf(wf.jobs[job]!), ['build'], `${job} publishes what build made`);
        assert.equal(wf.jobs[job]!.environment, 'release', `${job} runs in the protected release environment`);
        assert.ok(JSON.stringify(wf.jobs[job]).includes(`secrets.${secret}`), `${job} uses ${secret}`);
      }
      assert.match(all('marketplace'), /vsce publish --packagePath release\/claude-multi-agent\.vsix \$PRE_RELEASE/);
      assert.match(all('open-vsx'), /ovsx@\d+\.\d+\.\d+ publish release\/claude-multi-agent\.vsix \$PRE_RELEASE/);
      assert.match(all('npm'), /npm publish "release\/claude-multi-agent-\$VERSION\.tgz" --provenance --access public/);
      assert.equal(wf.jobs['npm']!.permissions?.['id-token'], 'write', 'provenance needs an OIDC token');
      assert.match(
        all('github-release'),
        /gh release create "\$TAG" --verify-tag .*--notes-file release\/release-notes\.md/,
      );
      assert.match(all('github-release'), /release\/claude-multi-agent\.vsix/);
      assert.equal(wf.jobs['github-release']!.permissions?.['contents'], 'write');
    });

    it('publishes odd minor versions as pre-releases everywhere', () => {
      const build = wf.jobs['build']!.steps.find((s) => /npm run package/.test(s.run ?? ''));
      assert.match(build?.run ?? '', /npm run package -- \$PRE_RELEASE/, 'a pre-release VSIX is packaged as one');
      assert.equal(
        build?.env?.['PRE_RELEASE'],
        "${{ steps.version.outputs.channel == 'pre-release' && '--pre-release' || '' }}",
      );
      const flags = {
        marketplace: "'--pre-release'",
        'open-vsx': "'--pre-release'",
        'github-release': "'--prerelease'",
      };
      for (const [job, flag] of Object.entries(flags))
        assert.ok(
          JSON.stringify(wf.jobs[job]).includes(`needs.build.outputs.channel == 'pre-release' && ${flag}`),
          `${job} passes ${flag} on the pre-release channel`,
        );
      assert.ok(JSON.stringify(wf.jobs['npm']).includes(`'pre-release' && 'next' || 'latest'`));
      const moveTag = wf.jobs['github-release']!.steps.find((s) => /git tag -f/.test(s.run ?? ''));
      assert.equal(moveTag?.if, "needs.build.outputs.channel == 'release'", 'the action tag moves on releases only');
    });

    it('names only outputs of jobs it needs, and pins every action to a major version', () => {
      for (const [name, job] of Object.entries(wf.jobs)) {
        for (const [, dep] of JSON.stringify(job).matchAll(/needs\.([\w-]+)\./g))
          assert.ok(needsOf(job).includes(dep!), `${name} reads needs.${dep} without needing it`);
        assert.ok(job['timeout-minutes'], `${name} has a timeout`);
        for (const s of job.steps) if (s.uses) assert.match(s.uses, PINNED);
      }
    });
  });

  describe('the review workflow in docs/ and the documentation', () => {
    const examples = [read('docs/github-action.yml'), ...readmeWorkflows()];

    it('is valid, cancels superseded runs, has a timeout and the permissions code scanning needs', () => {
      assert.ok(examples.length >= 2, 'docs/github-action.yml and the documentation show the workflow');
      for (const text of examples) {
        assert.equal(validateWorkflow(text).errors.length, 0, problems(validateWorkflow(text)));
        const wf = parse(text) as Workflow;
        assert.equal(wf.concurrency?.['cancel-in-progress'], true);
        assert.match(wf.concurrency?.group ?? '', /github\.event\.pull_request\.number/);
        assert.deepEqual(wf.permissions, { contents: 'read', 'security-events': 'write', actions: 'read' });
        for (const job of Object.values(wf.jobs)) {
          assert.ok((job['timeout-minutes'] ?? 0) > 0, 'a job timeout');
          const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout@'));
          assert.equal(checkout?.with?.['fetch-depth'], 0, 'the merge-base must be in the clone');
          for (const s of job.steps) if (s.uses) assert.match(s.uses.replace(/ .*/, ''), PINNED);
        }
        assert.doesNotMatch(text, /always\(\)/, 'nothing is uploaded after a failed or skipped review');
      }
    });
  });

  describe('action.yml', () => {
    const text = read('action.yml');
    const action = parse(text) as {
      inputs: Record<string, { default?: string }>;
      runs: { using: string; steps: Step[] };
    };

    it('is a valid composite action with the inputs a review needs', () => {
      assert.equal(validateAction(text).errors.length, 0, problems(validateAction(text)));
      assert.equal(action.runs.using, 'composite');
      for (const input of ['anthropic-api-key', 'scope', 'experts', 'model', 'fail-on', 'max-cost', 'comments'])
        assert.ok(action.inputs[input], `input ${input}`);
      assert.equal(action.inputs['comments']!.default, 'false');
    });

    it('declares every input it reads and reads every input it declares', () => {
      const used = new Set([...text.matchAll(/\binputs\.([\w-]+)/g)].map((m) => m[1]!));
      assert.deepEqual([...used].sort(), Object.keys(action.inputs).sort());
    });

    it('passes inputs to scripts through the environment, never spliced into them', () => {
      for (const s of action.runs.steps) if (s.run) assert.doesNotMatch(s.run, /\$\{\{/, s.run);
    });

    it('runs a current Node and uploads only a completed review, with upload-sarif v4', () => {
      assert.ok(Number(action.inputs['node-version']!.default) >= 22);
      const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
      assert.equal(upload?.uses, 'github/codeql-action/upload-sarif@v4');
      assert.match(upload?.if ?? '', /steps\.review\.outputs\.sarif-file != ''/);
      assert.doesNotMatch(text, /always\(\)/);
      for (const s of action.runs.steps) if (s.uses) assert.match(s.uses, PINNED);
    });
  });
});
