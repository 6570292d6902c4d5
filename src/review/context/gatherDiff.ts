// A diff scope (uncommitted, staged, a branch, commits): each file's hunks, numbered by the new text,
// one included range per hunk, and the lines each file's hunks changed. git already leaves ignored
// files out of a diff, so .gitignore is not consulted again; the diff text is the only source
// (nothing is read from disk).
import { admit, assemble, type Budget, type Loaded, type Rendered } from './assembly';
import { changedRanges } from './changedLines';
import { generatedReason } from './contentChecks';
import { parseUnifiedDiff, type DiffFile } from './diffParser';
import { allExcludedError, NothingToReviewError } from './errors';
import { pathExclusion, type PathRules } from './pathRules';
import { comparePaths, toSlash } from './paths';
import { authorIntentBlock } from './authorIntent';
import { diffLines, hunkRange, renderDiffListing } from './renderListing';
import { estimateTokens } from './tokens';
import type { DiffTarget, ExcludedFile, GatheredContext } from './types';

export async function gatherDiff(target: DiffTarget, rules: PathRules, budget: Budget): Promise<GatheredContext> {
  const only = target.paths && new Set(target.paths);
  const files = (target.diffText.trim() === '' ? [] : parseUnifiedDiff(target.diffText)).filter(
    (f) => !only || only.has(diffPath(f)),
  );
  if (files.length === 0)
    throw new NothingToReviewError('empty-target', 'Nothing to review: there are no changes in the diff.');
  const diffRules: PathRules = { policy: rules.policy.withoutIgnoreFiles() };
  const loaded: Loaded[] = [];
  for (const file of files) loaded.push(await loadDiffFile(file, diffRules));
  loaded.sort((a, b) => comparePaths(a.path, b.path));
  const rendered: Rendered[] = [];
  const excluded: ExcludedFile[] = [];
  for (const item of loaded) admit(item, budget, rendered, excluded);
  if (rendered.length === 0) throw allExcludedError(excluded, 'every changed file');
  const changedLines = new Map(
    rendered.map((r) => [r.path, changedRanges(files.find((f) => diffPath(f) === r.path)!)]),
  );
  const intent = authorIntentBlock(target.intent);
  return { ...assemble('diff', rendered, excluded, target.describes, intent), changedLines };
}

const diffPath = (file: DiffFile): string => toSlash(file.newPath ?? file.oldPath ?? '(unknown)');

async function loadDiffFile(file: DiffFile, rules: PathRules): Promise<Loaded> {
  const path = diffPath(file);
  if (file.status === 'deleted')
    return { path, reason: 'deleted', detail: 'deleted in the diff: no lines left to review' };
  const byPath = await pathExclusion(rules, path, false);
  if (byPath) return byPath;
  if (file.binary) return { path, reason: 'binary', detail: 'binary change' };
  if (file.hunks.length === 0)
    return { path, reason: 'empty', detail: 'no changed lines (rename or mode change only)' };

  // Removed lines are shown too, so they are scanned as well; one hit drops the whole file.
  const allText = file.hunks.flatMap((h) => h.lines.map((l) => l.text)).join('\n');
  const secret = await rules.policy.contentExclusion(path, allText, () => 'in its changes');
  if (secret) return secret;
  // The top of the file is only known when the first hunk starts there.
  const first = file.hunks[0]!;
  if (first.newStart <= 1) {
    const generated = generatedReason(first.lines.filter((l) => l.kind !== 'removed').map((l) => l.text));
    if (generated) return { path, reason: 'generated', detail: `generated file (${generated})` };
  }

  const listing = renderDiffListing(path, file);
  const block = [listing.header, listing.hunks.join('\n'), listing.footer].join('\n');
  const wrapperTokens = estimateTokens(listing.header + listing.footer);
  const ranges = file.hunks.map((hunk, i) => ({
    path,
    ...hunkRange(hunk),
    tokens: estimateTokens(listing.hunks[i]!) + (i === 0 ? wrapperTokens : 0),
  }));
  return { path, block, listed: diffLines(file), bytes: block.length, ranges };
}
