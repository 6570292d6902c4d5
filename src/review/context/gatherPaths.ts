// Files and folders: named files first, then files found in folders, each group by path.
// Whether a file is read at all depends on the budget the earlier ones left, so they are admitted in
// order (loadWithinBudget), while loadFile alone decides what one file's bytes allow.
import { assemble, type Budget, type Loaded } from './assembly';
import { collectPaths, type PathCandidate } from './collectPaths';
import { binaryReason, decodeText, splitLines } from './contentChecks';
import { generatedOrMinifiedExclusion } from './contentExclusion';
import { allExcludedError, NothingToReviewError } from './errors';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES } from './limits';
import { loadWithinBudget } from './loadWithinBudget';
import type { PathRules } from './pathRules';
import { comparePaths, joinPath } from './paths';
import { fileLines, renderFileListing } from './renderListing';
import { estimateTokens } from './tokens';
import type { ExcludedFile, GatheredContext, GatherInput, PathsTarget } from './types';

export async function gatherPaths(
  target: PathsTarget,
  input: GatherInput,
  root: string,
  rules: PathRules,
  budget: Budget,
): Promise<GatheredContext> {
  if (target.paths.length === 0)
    throw new NothingToReviewError('empty-target', 'Nothing to review: no files or folders were chosen.');
  let filesFound = 0;
  const collected = await collectPaths(target.paths, {
    fs: input.fs,
    root,
    rules,
    maxFiles: input.maxFiles ?? DEFAULT_MAX_FILES,
    signal: input.signal,
    onFound: (found) => {
      filesFound = found;
      input.onProgress?.({ filesFound, filesRead: 0 });
    },
  });
  const excluded = dedupeExcluded(collected.excluded);
  const ordered = orderCandidates(collected.candidates);
  if (ordered.length === 0 && excluded.length === 0) {
    throw new NothingToReviewError('empty-target', 'Nothing to review: the chosen folders contain no files.');
  }

  const rendered = await loadWithinBudget(
    ordered,
    {
      fs: input.fs,
      root,
      maxFileBytes: input.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      budget,
      signal: input.signal,
      load: (path, bytes) => loadFile(path, input, root, rules, bytes),
      onRead: (filesRead) => input.onProgress?.({ filesFound, filesRead }),
    },
    excluded,
  );
  if (rendered.length === 0) throw allExcludedError(excluded, 'everything chosen');
  return assemble('paths', rendered, excluded);
}

/** Named files first, then found files; each group by path; a path named and found counts as named. */
function orderCandidates(candidates: readonly PathCandidate[]): PathCandidate[] {
  const byPath = new Map<string, PathCandidate>();
  for (const c of candidates) {
    const seen = byPath.get(c.path);
    if (!seen || (c.explicit && !seen.explicit)) byPath.set(c.path, c);
  }
  return [...byPath.values()].sort((a, b) => Number(b.explicit) - Number(a.explicit) || comparePaths(a.path, b.path));
}

/** Overlapping targets (a folder and a file in it) can report the same exclusion twice. */
function dedupeExcluded(list: readonly ExcludedFile[]): ExcludedFile[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.path}\u0000${e.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reads one file whose size already passed the limits, and decides from its bytes whether it may be sent. */
async function loadFile(
  path: string,
  input: GatherInput,
  root: string,
  rules: PathRules,
  bytes: number,
): Promise<Loaded> {
  const abs = joinPath(root, path);
  input.signal?.throwIfAborted();
  // A link may point out of the workspace: judge where it leads before reading a byte.
  const outside = await rules.policy.realPathExclusion(path);
  if (outside) return outside;
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
  const secret = await rules.policy.contentExclusion(path, text, (line) => `on line ${line}`);
  if (secret) return { ...secret, bytes };
  const lines = splitLines(text);
  const skipped = generatedOrMinifiedExclusion(path, text, lines);
  if (skipped) return { ...skipped, bytes };
  const block = renderFileListing(path, lines, 1);
  return {
    path,
    block,
    listed: fileLines(lines, 1),
    bytes,
    ranges: [{ path, startLine: 1, endLine: lines.length, tokens: estimateTokens(block) }],
  };
}
