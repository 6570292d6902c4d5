// Turns what the user picked into the shared system block plus an honest list of what was left out.
// Order: selection or named files first, then found files, each group by path; files are taken
// whole while they fit the budget; one that does not fit is left out (never silently truncated)
// and smaller files after it may still fit.
import { collectPaths, type PathCandidate } from './collectPaths';
import { binaryReason, decodeText, generatedReason, splitLines } from './contentChecks';
import { generatedOrMinifiedExclusion, secretExclusion } from './contentExclusion';
import { parseUnifiedDiff, type DiffFile } from './diffParser';
import { allExcludedError, NothingToReviewError } from './errors';
import { ExcludePatterns } from './excludePatterns';
import { GitignoreRules } from './gitignoreRules';
import { pathExclusion, type PathRules } from './pathRules';
import { baseName, comparePaths, joinPath, normaliseRoot, toSlash, workspaceRelative } from './paths';
import { hunkRange, renderDiffListing, renderFileListing, renderSystemText } from './renderListing';
import { secretFileNameReason } from './secretFiles';
import { estimateTokens } from './tokens';
import type { DiffTarget, ExcludedFile, GatheredContext, GatherInput, IncludedFile, PathsTarget, SelectionTarget } from './types';

export const DEFAULT_MAX_FILE_BYTES = 512 * 1024;
export const DEFAULT_MAX_FILES = 2000;

/** A file ready to render: its listing and the ranges it covers. */
interface Rendered {
  path: string;
  block: string;
  ranges: IncludedFile[];
  bytes: number;
}

type Loaded = Rendered | ExcludedFile;

class Budget {
  private used = 0;
  constructor(readonly limit: number) {}
  get left(): number {
    return Math.max(0, this.limit - this.used);
  }
  take(tokens: number): boolean {
    if (tokens > this.left) return false;
    this.used += tokens;
    return true;
  }
  exclusion(path: string, tokens: number, bytes: number): ExcludedFile {
    return {
      path,
      reason: 'budget',
      detail: `needs about ${tokens} tokens; about ${this.left} of the ${this.limit}-token budget were left`,
      tokens,
      bytes,
    };
  }
}

export async function gatherContext(input: GatherInput): Promise<GatheredContext> {
  const { target } = input;
  const root = normaliseRoot(input.workspaceRoot);
  const rules: PathRules = {
    extraExclude: ExcludePatterns.fromGitignoreSyntax(input.extraExclude),
    filesExclude: ExcludePatterns.fromVsCodeGlobs(input.filesExclude),
  };
  if (input.respectGitignore !== false) {
    rules.gitignore = new GitignoreRules({ fs: input.fs, root, texts: input.gitignoreText, signal: input.signal });
  }
  const budget = new Budget(Math.max(0, input.budgetTokens));

  switch (target.kind) {
    case 'selection':
      return gatherSelection(target, root, rules, budget);
    case 'paths':
      return gatherPaths(target, input, root, rules, budget);
    case 'diff':
      return gatherDiff(target, rules, budget);
  }
}

function finish(kind: 'selection' | 'paths' | 'diff', rendered: Rendered[], excluded: ExcludedFile[]): GatheredContext {
  excluded.sort((a, b) => comparePaths(a.path, b.path) || comparePaths(a.reason, b.reason));
  const leftOut = excluded.filter((e) => e.reason !== 'always-skipped').length;
  const systemText = renderSystemText(kind, rendered.map((r) => r.block), leftOut);
  return {
    systemText,
    files: rendered.flatMap((r) => r.ranges),
    excluded,
    totalTokens: estimateTokens(systemText),
  };
}

/** Includes each loaded file in order while the budget lasts. */
function fill(loaded: Iterable<Loaded>, budget: Budget, rendered: Rendered[], excluded: ExcludedFile[]): void {
  for (const item of loaded) {
    if ('reason' in item) {
      excluded.push(item);
      continue;
    }
    const tokens = estimateTokens(item.block);
    if (budget.take(tokens)) rendered.push(item);
    else excluded.push(budget.exclusion(item.path, tokens, item.bytes));
  }
}

// ---- selection ---------------------------------------------------------------------------------

async function gatherSelection(target: SelectionTarget, root: string, rules: PathRules, budget: Budget): Promise<GatheredContext> {
  const text = decodeText(new TextEncoder().encode(target.text));
  if (text.trim() === '') throw new NothingToReviewError('empty-target', 'Nothing to review: the selection is empty.');
  const rel = workspaceRelative(root, target.path);
  const path = rel ?? toSlash(target.path);
  const lines = splitLines(text);
  const startLine = Math.max(1, Math.floor(target.startLine));

  // The user is looking at the text, so .gitignore and files.exclude do not apply; secrets and
  // the "never send" setting still do.
  const nameSecret = secretFileNameReason(baseName(path));
  const user = rel === undefined ? undefined : rules.extraExclude.match(rel);
  const refused: ExcludedFile | undefined = nameSecret
    ? { path, reason: 'secret', detail: nameSecret }
    : user
      ? { path, reason: 'user-exclude', detail: `matches '${user}' in claudeMultiAgent.exclude` }
      : secretExclusion(path, text, (line) => `on line ${startLine + line - 1}`);
  if (refused) {
    throw new NothingToReviewError('all-excluded', `Nothing to review: the selection was not sent (${refused.detail}).`, [refused]);
  }

  const block = renderFileListing(path, lines, startLine);
  const endLine = startLine + lines.length - 1;
  const bytes = new TextEncoder().encode(target.text).length;
  const item: Rendered = { path, block, bytes, ranges: [{ path, startLine, endLine, tokens: estimateTokens(block) }] };
  const rendered: Rendered[] = [];
  const excluded: ExcludedFile[] = [];
  fill([item], budget, rendered, excluded);
  if (rendered.length === 0) throw allExcludedError(excluded, 'the selection');
  return finish('selection', rendered, excluded);
}

// ---- files and folders ---------------------------------------------------------------------------

async function gatherPaths(
  target: PathsTarget,
  input: GatherInput,
  root: string,
  rules: PathRules,
  budget: Budget,
): Promise<GatheredContext> {
  if (target.paths.length === 0) throw new NothingToReviewError('empty-target', 'Nothing to review: no files or folders were chosen.');
  const maxFileBytes = input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const collected = await collectPaths(target.paths, {
    fs: input.fs,
    root,
    rules,
    maxFiles: input.maxFiles ?? DEFAULT_MAX_FILES,
    signal: input.signal,
  });
  const excluded = dedupeExcluded(collected.excluded);
  const ordered = orderCandidates(collected.candidates);
  if (ordered.length === 0 && excluded.length === 0) {
    throw new NothingToReviewError('empty-target', 'Nothing to review: the chosen folders contain no files.');
  }

  const rendered: Rendered[] = [];
  // One at a time: whether a file is read at all depends on the budget the earlier ones left.
  for (const candidate of ordered) {
    fill([await loadFile(candidate.path, input, root, maxFileBytes, budget)], budget, rendered, excluded);
  }
  if (rendered.length === 0) throw allExcludedError(excluded, 'everything chosen');
  return finish('paths', rendered, excluded);
}

/** Named files first, then found files; each group by path; the first mention of a path wins. */
function orderCandidates(candidates: readonly PathCandidate[]): PathCandidate[] {
  const byPath = new Map<string, PathCandidate>();
  for (const c of candidates) {
    const seen = byPath.get(c.path);
    if (!seen || (c.explicit && !seen.explicit)) byPath.set(c.path, c);
  }
  return [...byPath.values()].sort((a, b) => Number(b.explicit) - Number(a.explicit) || comparePaths(a.path, b.path));
}

function dedupeExcluded(list: readonly ExcludedFile[]): ExcludedFile[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.path}\u0000${e.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function loadFile(path: string, input: GatherInput, root: string, maxFileBytes: number, budget: Budget): Promise<Loaded> {
  const abs = joinPath(root, path);
  input.signal?.throwIfAborted();
  let bytes: number;
  try {
    bytes = (await input.fs.stat(abs)).size;
  } catch {
    return { path, reason: 'unreadable', detail: 'file could not be read' };
  }
  if (bytes > maxFileBytes) {
    return { path, reason: 'too-large', detail: `${kib(bytes)} is over the ${kib(maxFileBytes)} limit`, bytes };
  }
  // Even at four bytes a character the listing costs at least this much: skip the read.
  const atLeast = Math.ceil(bytes / 16);
  if (atLeast > budget.left) return budget.exclusion(path, Math.ceil(bytes / 4), bytes);

  input.signal?.throwIfAborted();
  let data: Uint8Array;
  try {
    data = await input.fs.readFile(abs);
  } catch {
    return { path, reason: 'unreadable', detail: 'file could not be read', bytes };
  }
  const binary = binaryReason(data);
  if (binary) return { path, reason: 'binary', detail: binary, bytes };
  const text = decodeText(data);
  if (text.trim() === '') return { path, reason: 'empty', detail: 'file is empty', bytes };
  const secret = secretExclusion(path, text, (line) => `on line ${line}`);
  if (secret) return { ...secret, bytes };
  const lines = splitLines(text);
  const skipped = generatedOrMinifiedExclusion(path, text, lines);
  if (skipped) return { ...skipped, bytes };
  const block = renderFileListing(path, lines, 1);
  return { path, block, bytes, ranges: [{ path, startLine: 1, endLine: lines.length, tokens: estimateTokens(block) }] };
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}

// ---- uncommitted changes -----------------------------------------------------------------------------

async function gatherDiff(target: DiffTarget, rules: PathRules, budget: Budget): Promise<GatheredContext> {
  const files = target.diffText.trim() === '' ? [] : parseUnifiedDiff(target.diffText);
  if (files.length === 0) throw new NothingToReviewError('empty-target', 'Nothing to review: there are no changes in the diff.');
  // git already leaves ignored files out of a diff, so .gitignore is not consulted again.
  const diffRules: PathRules = { extraExclude: rules.extraExclude, filesExclude: rules.filesExclude };
  const loaded: Loaded[] = [];
  for (const file of files) loaded.push(await loadDiffFile(file, diffRules));
  loaded.sort((a, b) => comparePaths(a.path, b.path));
  const rendered: Rendered[] = [];
  const excluded: ExcludedFile[] = [];
  fill(loaded, budget, rendered, excluded);
  if (rendered.length === 0) throw allExcludedError(excluded, 'every changed file');
  return finish('diff', rendered, excluded);
}

async function loadDiffFile(file: DiffFile, rules: PathRules): Promise<Loaded> {
  const path = toSlash(file.newPath ?? file.oldPath ?? '(unknown)');
  if (file.status === 'deleted') return { path, reason: 'deleted', detail: 'deleted in the diff: no lines left to review' };
  const byPath = await pathExclusion(rules, path, false);
  if (byPath) return byPath;
  if (file.binary) return { path, reason: 'binary', detail: 'binary change' };
  if (file.hunks.length === 0) return { path, reason: 'empty', detail: 'no changed lines (rename or mode change only)' };

  // Removed lines are shown too, so they are scanned as well.
  const allLines = file.hunks.flatMap((h) => h.lines);
  const secret = secretExclusion(path, allLines.map((l) => l.text).join('\n'), () => 'in its changes');
  if (secret) return secret;
  const first = file.hunks[0]!;
  if (first.newStart <= 1) {
    const head = first.lines.filter((l) => l.kind !== 'removed').map((l) => l.text);
    const generated = generatedReason(head);
    if (generated) return { path, reason: 'generated', detail: `generated file (${generated})` };
  }

  const listing = renderDiffListing(path, file);
  const block = [listing.header, listing.hunks.join('\n'), listing.footer].join('\n');
  const ranges = file.hunks.map((hunk, i) => ({
    path,
    ...hunkRange(hunk),
    tokens: estimateTokens(listing.hunks[i]!) + (i === 0 ? estimateTokens(listing.header + listing.footer) : 0),
  }));
  return { path, block, bytes: block.length, ranges };
}
