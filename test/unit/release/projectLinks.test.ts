// One source for where the project lives and which version examples run: package.json. Every link to the
// repository, every `uses:` of the action and every pinned `claude-multi-agent@<version>` in the docs must agree.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT, actionTag, manifest, repository } from './project';

/** README, CHANGELOG, the action, docs/, .github/ and the action's scripts: what users and CI read. */
function publicTexts(): Array<{ file: string; text: string }> {
  const files = ['README.md', 'CHANGELOG.md', 'action.yml'];
  const walk = (dir: string): void => {
    if (!existsSync(join(ROOT, dir))) return;
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(md|ya?ml|sh)$/.test(e.name)) files.push(path);
    }
  };
  for (const dir of ['docs', '.github', 'scripts/action']) walk(dir);
  return files.map((file) => ({
    file: relative(ROOT, join(ROOT, file)),
    text: readFileSync(join(ROOT, file), 'utf8'),
  }));
}

describe('project links and pinned versions', () => {
  const pkg = manifest();
  const { url, slug } = repository(pkg);
  const texts = publicTexts();

  it('links to the repository only through the URL package.json names', () => {
    let seen = 0;
    for (const { file, text } of texts)
      for (const m of text.matchAll(/https:\/\/github\.com\/([\w.-]+\/[\w.-]*claude-multi-agent[\w.-]*)/gi)) {
        seen++;
        assert.equal(m[1], slug, `${file} links to ${m[0]}, not ${url}`);
      }
    assert.ok(seen > 0, 'the CHANGELOG links its versions to the repository');
  });

  it("uses the action as <repository>@<the version's major tag>", () => {
    const uses = texts.flatMap(({ file, text }) =>
      [...text.matchAll(/uses:\s*([\w.-]+\/[\w.-]*claude-multi-agent[\w.-]*)@([^\s`'"]+)/gi)].map((m) => ({ file, m })),
    );
    assert.ok(
      uses.some(({ file }) => file === join('docs', 'github-action.yml')),
      'the example workflow uses the action',
    );
    for (const { file, m } of uses) assert.equal(`${m[1]}@${m[2]}`, `${slug}@${actionTag(pkg.version)}`, file);
  });

  it('runs the command line pinned to this version in every example, never unpinned', () => {
    let pinned = 0;
    for (const { file, text } of texts) {
      // A shell expansion (`claude-multi-agent@$(…)`, the action's script) derives the version; it is not an example.
      for (const m of text.matchAll(/(?<![\w/.@-])claude-multi-agent@(?!\$)([^\s`'"),]+)/g)) {
        pinned++;
        assert.equal(m[1], pkg.version, `${file}: ${m[0]} is not pinned to ${pkg.version}`);
      }
      assert.doesNotMatch(text, /\bnpx\s+(?:--yes\s+|-y\s+)?claude-multi-agent(?!@)/, `${file} runs npx unpinned`);
    }
    assert.ok(pinned > 0, 'the README shows a pinned example');
  });
});
