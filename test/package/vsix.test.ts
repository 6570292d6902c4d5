// The VSIX and the release notes, made by the release workflow's own build steps on a fresh clone: vsce with
// every check on and no warning, only what runs inside, under the size limit the README states.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  VSIX_ALWAYS,
  VSIX_MAX_BYTES,
  VSIX_MAX_FILES,
  allowedInVsix,
  vsixAfterBuild,
} from '../unit/release/packageContents';
import { repository } from '../unit/release/project';
import { releaseBuild } from './freshClone';
import { zipEntries, zipText } from './zipEntries';

/** The VSIX's `extension/…` entries under their repository names (vsce renames the license and readme). */
const RENAMED: Record<string, string> = {
  'LICENSE.txt': 'LICENSE',
  'readme.md': 'README.md',
  'changelog.md': 'CHANGELOG.md',
};

describe('release build: the VSIX', () => {
  it('packages with every vsce check on, printing no warning, and writes the release notes', async () => {
    const { clone, outputs, logs, artifacts } = await releaseBuild();
    const packaging = logs["Package the VSIX and the command line's npm tarball"] ?? '';
    assert.match(packaging, /DONE {2}Packaged: .*claude-multi-agent\.vsix/);
    assert.doesNotMatch(packaging, /WARNING|npm warn/i);
    assert.deepEqual(outputs, {
      version: clone.version,
      channel: Number(clone.version.split('.')[1]) % 2 ? 'pre-release' : 'release',
    });
    const notes = readFileSync(join(artifacts, 'release-notes.md'), 'utf8');
    assert.match(notes, /^### Added$/m, "the release notes are the version's CHANGELOG section");
    assert.doesNotMatch(notes, /^## /m);
  });

  it('holds only what runs, under the stated size and file limits', async function () {
    const vsix = join((await releaseBuild()).artifacts, 'claude-multi-agent.vsix');
    const entries = await zipEntries(vsix);
    const files = entries
      .filter((e) => e.name.startsWith('extension/'))
      .map((e) => e.name.slice('extension/'.length))
      .map((f) => RENAMED[f] ?? f);
    const stray = files.filter((f) => !allowedInVsix(f));
    assert.deepEqual(stray, [], `not for the VSIX: ${stray.join(', ')}`);
    for (const f of [...VSIX_ALWAYS, ...vsixAfterBuild()]) assert.ok(files.includes(f), `the VSIX holds ${f}`);
    const bytes = statSync(vsix).size;
    const chunks = files.filter((f) => f.startsWith('dist/chunks/')).length;
    const others = files.filter((f) => !f.startsWith('dist/chunks/')).sort();
    console.log(
      `      ${entries.length} entries, ${(bytes / 1024).toFixed(1)} KB: ${others.join(', ')}, ${chunks} chunks`,
    );
    assert.ok(bytes <= VSIX_MAX_BYTES, `the VSIX is ${bytes} bytes, over ${VSIX_MAX_BYTES}`);
    assert.ok(entries.length <= VSIX_MAX_FILES, `the VSIX holds ${entries.length} files, over ${VSIX_MAX_FILES}`);
  });

  it('carries the listing: icon, categories, links to the repository, the pre-release mark', async () => {
    const {
      artifacts,
      clone: { version },
    } = await releaseBuild();
    const vsix = join(artifacts, 'claude-multi-agent.vsix');
    const manifest = await zipText(vsix, 'extension.vsixmanifest');
    const { url } = repository();
    assert.match(
      manifest,
      /<Asset Type="Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/media\/icon-256\.png"/,
    );
    assert.match(manifest, /<Categories>AI,Chat,Linters<\/Categories>/);
    assert.ok(manifest.includes(`${url}.git`) || manifest.includes(url), 'the repository link');
    assert.match(manifest, /Microsoft\.VisualStudio\.Services\.Branding\.Color" Value="#1F1A2E"/);
    const preRelease = /<Property Id="Microsoft\.VisualStudio\.Code\.PreRelease" Value="true"/.test(manifest);
    assert.equal(
      preRelease,
      Number(version.split('.')[1]) % 2 === 1,
      'odd minor versions are packaged as pre-releases',
    );
  });
});
