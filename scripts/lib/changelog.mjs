// Reads one version's section out of CHANGELOG.md (Keep a Changelog: `## [1.2.0] - 2026-01-31` headings).

/** The body of `version`'s section (without its heading), trimmed; throws when there is none or it is empty. */
export function changelogSection(text, version) {
  const wanted = version.replace(/^v/, '');
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => {
    const m = /^##\s+\[?([^\]\s]+)\]?(\s|$)/.exec(line);
    return m?.[1] === wanted;
  });
  if (start < 0)
    throw new Error(`CHANGELOG.md has no section for ${wanted} (a heading like "## [${wanted}] - YYYY-MM-DD")`);
  const rest = lines.slice(start + 1);
  // The section ends at the next version heading or at the link references at the bottom.
  const end = rest.findIndex((line) => /^##\s/.test(line) || /^\[[^\]]+\]:\s/.test(line));
  const body = (end < 0 ? rest : rest.slice(0, end)).join('\n').trim();
  if (!body) throw new Error(`CHANGELOG.md's section for ${wanted} is empty`);
  return body;
}

/** Odd minor versions are pre-releases (the Marketplace's convention, since it takes no semver pre-release tags). */
export function isPreRelease(version) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) throw new Error(`${version} is not a major.minor.patch version (the Marketplace accepts no other)`);
  return Number(m[2]) % 2 === 1;
}
