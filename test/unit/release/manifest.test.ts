// The Marketplace and Open VSX listing: icon, banner, categories, keywords, links, license, and a package
// script that runs vsce with every check on.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPng } from '../../../scripts/lib/png.mjs';
import { ROOT, manifest, repository } from './project';

describe('extension manifest (package.json)', () => {
  const pkg = manifest();

  it('has a PNG icon of at least 128 px, rendered from the SVG we own and not stale', () => {
    assert.ok(pkg.icon, 'package.json has an icon');
    assert.match(pkg.icon, /\.png$/, 'the Marketplace takes a PNG icon, not SVG');
    const source = readFileSync(join(ROOT, 'media', 'icon-source.svg'));
    const sourceHash = createHash('sha256').update(source).digest('hex');
    for (const [file, size] of [
      [pkg.icon, 256],
      ['media/icon-128.png', 128],
    ] as const) {
      const png = readPng(readFileSync(join(ROOT, file)));
      assert.deepEqual([png.width, png.height], [size, size], `${file} is ${size}x${size}`);
      assert.equal(
        png.text['Source-SHA256'],
        sourceHash,
        `${file} was not rendered from the current media/icon-source.svg: run node scripts/render-icon.mjs`,
      );
    }
  });

  it('has a gallery banner, Chat and AI among its categories, and keywords people search for', () => {
    assert.match(pkg.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(pkg.galleryBanner?.theme === 'dark' || pkg.galleryBanner?.theme === 'light');
    for (const c of ['AI', 'Chat']) assert.ok(pkg.categories?.includes(c), `categories include ${c}`);
    assert.ok(!pkg.categories?.includes('Other'), '"Other" hides the extension');
    for (const k of ['code review', 'multi-agent', 'claude', 'anthropic', 'security review'])
      assert.ok(pkg.keywords?.includes(k), `keywords include ${k}`);
    assert.ok((pkg.keywords?.length ?? 0) <= 30, 'vsce refuses more than 30 keywords');
  });

  it('derives homepage and bugs from the one repository URL, which is not a placeholder', () => {
    const { url } = repository(pkg);
    assert.doesNotMatch(url, /example|invalid|placeholder/);
    assert.equal(pkg.homepage, `${url}#readme`);
    assert.deepEqual(pkg.bugs, { url: `${url}/issues` });
  });

  it('ships its license and has a changelog section for its version', () => {
    assert.equal(pkg.license, 'MIT');
    assert.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /MIT License/);
    assert.match(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## \\[${pkg.version}\\]`, 'm'));
  });

  it('packages with vsce from the lockfile, with none of its checks suppressed', () => {
    const script = pkg.scripts['package'] ?? '';
    assert.match(script, /^vsce package /, 'the lockfile-pinned vsce, not npx');
    for (const flag of ['--allow-missing-repository', '--skip-license', '--allow-star-activation', '--allow-'])
      assert.ok(!script.includes(flag), `npm run package passes ${flag}`);
    assert.ok(pkg.devDependencies?.['@vscode/vsce'], '@vscode/vsce is a devDependency');
    assert.ok(existsSync(join(ROOT, '.vscodeignore')));
  });
});
