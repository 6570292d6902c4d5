// CHANGELOG.md (Keep a Changelog) and the extraction the release workflow uses for the GitHub release's notes.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { changelogSection, isPreRelease } from '../../../scripts/lib/changelog.mjs';
import { ROOT, manifest, repository } from './project';

const SAMPLE = `# Changelog

## [Unreleased]

## [1.2.0] - 2027-01-31

### Added

- Two.

## [1.1.0] - 2027-01-02

### Fixed

- One.

[Unreleased]: https://github.com/o/r/compare/v1.2.0...HEAD
[1.2.0]: https://github.com/o/r/releases/tag/v1.2.0
[1.1.0]: https://github.com/o/r/releases/tag/v1.1.0
`;

describe('changelog', () => {
  it("extracts one version's section, without its heading, the next section or the link references", () => {
    assert.equal(changelogSection(SAMPLE, '1.2.0'), '### Added\n\n- Two.');
    assert.equal(changelogSection(SAMPLE, 'v1.1.0'), '### Fixed\n\n- One.', 'a tag name works too');
  });

  it('refuses a version without a section, or with an empty one', () => {
    assert.throws(() => changelogSection(SAMPLE, '1.3.0'), /no section for 1\.3\.0/);
    assert.throws(() => changelogSection(SAMPLE, 'Unreleased'), /section for Unreleased is empty/);
    assert.throws(() => changelogSection(SAMPLE, '1.2'), /no section for 1\.2\b/, 'no prefix match');
  });

  it('puts odd minor versions on the pre-release channel and refuses what the Marketplace cannot publish', () => {
    assert.equal(isPreRelease('0.1.0'), true);
    assert.equal(isPreRelease('v1.3.2'), true);
    assert.equal(isPreRelease('1.2.0'), false);
    assert.equal(isPreRelease('2.0.9'), false);
    assert.throws(() => isPreRelease('1.2.0-rc.1'), /major\.minor\.patch/);
  });

  it("has a dated section with content for package.json's version, and links every version to the repository", () => {
    const { version } = manifest();
    const { url } = repository();
    const text = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
    assert.match(text, new RegExp(`^## \\[${version}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
    assert.match(changelogSection(text, version), /^### (Added|Changed|Deprecated|Removed|Fixed|Security)$/m);
    assert.match(text, /^## \[Unreleased\]$/m);
    for (const [, v] of text.matchAll(/^## \[(\d+\.\d+\.\d+)\]/gm))
      assert.ok(text.includes(`[${v}]: ${url}/`), `CHANGELOG.md links ${v}`);
  });

  it('prints the notes and the channel from the command line, and fails clearly on a missing version', () => {
    const script = join(ROOT, 'scripts', 'changelog-section.mjs');
    const { version } = manifest();
    const notes = execFileSync(process.execPath, [script, `v${version}`], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(notes.trim(), changelogSection(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), version));
    const channel = execFileSync(process.execPath, [script, '--channel', '1.4.2'], { encoding: 'utf8' });
    assert.equal(channel.trim(), 'release');
    const missing = spawnSync(process.execPath, [script, '99.0.0'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no section for 99\.0\.0/);
    assert.equal(missing.stdout, '');
  });
});
