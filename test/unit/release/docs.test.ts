// The README sells in one screen and links to the reference in docs/: its first screen shows a picture of the
// product, every image and relative link in the README and docs/ points at a file that exists (vsce turns
// relative images into repository URLs for the Marketplace, so a missing file is a broken listing), and the
// settings page lists every setting the manifest contributes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { ROOT } from './project';

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
/** Markdown without its fenced code blocks, where `[x](y)` is not a link. */
const prose = (text: string) => text.replace(/```[\s\S]*?```/g, '');

/** `![alt](target)` and `[text](target)` in a page, images first-class. */
function links(text: string): Array<{ image: boolean; alt: string; target: string }> {
  return [...prose(text).matchAll(/(!?)\[([^\]]*)\]\(([^)\s]+)\)/g)].map((m) => ({
    image: m[1] === '!',
    alt: m[2]!,
    target: m[3]!,
  }));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchorsOf = (text: string) => new Set([...prose(text).matchAll(/^#{1,6}\s+(.+)$/gm)].map((m) => anchorOf(m[1]!)));

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe('README and docs/', () => {
  it("the README's first screen (before its first section) shows a screenshot whose file exists", () => {
    const firstScreen = read('README.md').split(/^## /m)[0]!;
    const images = links(firstScreen).filter((l) => l.image);
    assert.ok(images.length > 0, 'an image before the first section');
    for (const { target, alt } of images) {
      const file = join(ROOT, target);
      assert.ok(existsSync(file), `${target} exists`);
      assert.ok(alt.length > 20, `${target} has alt text that says what it shows`);
      assert.ok(pngSize(file).width >= 1000, `${target} is a full-width screenshot`);
    }
    assert.ok(firstScreen.split('\n').length < 20, 'the first screen is short');
  });

  it('every image is a relative PNG that exists (vsce rewrites it to the repository; no SVG, no http)', () => {
    let seen = 0;
    for (const page of PAGES)
      for (const { target } of links(read(page)).filter((l) => l.image)) {
        seen++;
        assert.doesNotMatch(target, /^[a-z]+:/i, `${page}: ${target} is relative`);
        assert.match(target, /\.png$/, `${page}: ${target} is a PNG`);
        const file = normalize(join(ROOT, dirname(page), target));
        assert.ok(existsSync(file), `${page}: ${target} exists`);
      }
    assert.ok(seen >= 4, `the hero and the key features (${seen})`);
  });

  it('the README screenshots stay small: each under 400 KB, all under 1.5 MB', () => {
    const dir = join(ROOT, 'media', 'readme');
    const sizes = readdirSync(dir).map((f) => ({ f, bytes: statSync(join(dir, f)).size }));
    for (const { f, bytes } of sizes) assert.ok(bytes < 400 * 1024, `${f}: ${bytes} bytes`);
    assert.ok(sizes.reduce((n, s) => n + s.bytes, 0) < 1.5 * 1024 * 1024, JSON.stringify(sizes));
  });

  it('every relative link points at a file that exists, and at a heading it has', () => {
    let seen = 0;
    for (const page of PAGES)
      for (const { target } of links(read(page))) {
        if (/^[a-z]+:/i.test(target)) continue;
        seen++;
        const [path, anchor] = target.split('#');
        const file = path ? normalize(join(dirname(page), path)) : page;
        assert.ok(existsSync(join(ROOT, file)), `${page}: ${target}`);
        if (anchor && file.endsWith('.md'))
          assert.ok(anchorsOf(read(file)).has(anchor), `${page}: ${file} has no heading #${anchor}`);
      }
    assert.ok(seen >= 10, 'the README links its docs pages');
    for (const page of PAGES.filter((p) => p !== 'README.md'))
      assert.ok(
        links(read('README.md')).some((l) => l.target === page),
        `the README links ${page}`,
      );
  });

  it('docs/settings.md lists every setting the manifest contributes', () => {
    type Configuration = { properties: Record<string, unknown> };
    const pkg = JSON.parse(read('package.json')) as { contributes: { configuration: Configuration | Configuration[] } };
    const sections = ([] as Configuration[]).concat(pkg.contributes.configuration);
    const keys = sections.flatMap((s) => Object.keys(s.properties));
    assert.ok(keys.length > 10);
    const page = read('docs/settings.md');
    const missing = keys.filter((k) => !page.includes(`| \`${k.replace(/^claudeMultiAgent\./, '')}\` |`));
    assert.deepEqual(missing, [], 'settings missing from docs/settings.md');
  });

  it("the README's Dependencies section names every package the project installs", () => {
    const section =
      read('README.md')
        .split(/^## Dependencies$/m)[1]
        ?.split(/^## /m)[0] ?? '';
    const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };
    const missing = Object.keys(pkg.devDependencies).filter((name) => !section.includes(`\`${name}\``));
    assert.deepEqual(missing, [], 'devDependencies the README does not justify');
  });
});
