export interface Release {
  version: string;
  publishedAt: string;
  notes: string;
}

const SEMVER = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?$/;

export function isVersion(text: string): boolean {
  return SEMVER.test(text);
}

/** The newest release, for the "update available" banner. */
export function latest(releases: readonly Release[]): Release | undefined {
  const stable = releases.filter((r) => isVersion(r.version) && !r.version.includes('-'));
  return stable.reduce<Release | undefined>((best, r) => (!best || r.version > best.version ? r : best), undefined);
}

/** Whether the installed version is older than the newest release. */
export function updateAvailable(installed: string, releases: readonly Release[]): boolean {
  const newest = latest(releases);
  if (!newest) return false;
  return newest.version !== installed && latest([{ version: installed, publishedAt: '', notes: '' }, newest]) === newest;
}

/** Release notes since `installed`, newest first, for the changelog dialog. */
export function notesSince(installed: string, releases: readonly Release[]): string[] {
  return releases
    .filter((r) => isVersion(r.version))
    .sort((a, b) => b.publishedAt.localeCompare(a.publishedAt))
    .filter((r) => Date.parse(r.publishedAt) > Date.parse(releases.find((x) => x.version === installed)?.publishedAt ?? '1970-01-01'))
    .map((r) => `${r.version}: ${r.notes}`);
}
