// A selection: the user is looking at the text, so .gitignore and files.exclude do not apply;
// secrets (by file name and by content) and the "never send" setting still do.
import { admit, assemble, type Budget, type Rendered } from './assembly';
import { decodeText, splitLines } from './contentChecks';
import { secretExclusion } from './contentExclusion';
import { allExcludedError, NothingToReviewError } from './errors';
import type { PathRules } from './pathRules';
import { baseName, toSlash, workspaceRelative } from './paths';
import { renderFileListing } from './renderListing';
import { secretFileNameReason } from './secretFiles';
import { estimateTokens } from './tokens';
import type { ExcludedFile, GatheredContext, SelectionTarget } from './types';

export function gatherSelection(target: SelectionTarget, root: string, rules: PathRules, budget: Budget): GatheredContext {
  const text = decodeText(new TextEncoder().encode(target.text));
  if (text.trim() === '') throw new NothingToReviewError('empty-target', 'Nothing to review: the selection is empty.');
  const rel = workspaceRelative(root, target.path);
  // Outside the workspace the path is shown as given (absolute, forward slashes).
  const path = rel ?? toSlash(target.path);
  const lines = splitLines(text);
  const startLine = Math.max(1, Math.floor(target.startLine));

  const refused = refusal(path, rel, text, startLine, rules);
  if (refused) {
    throw new NothingToReviewError('all-excluded', `Nothing to review: the selection was not sent (${refused.detail}).`, [refused]);
  }

  const block = renderFileListing(path, lines, startLine);
  const endLine = startLine + lines.length - 1; // from the text: a selection may end at column 0 of the next line
  const item: Rendered = {
    path,
    block,
    bytes: new TextEncoder().encode(target.text).length,
    ranges: [{ path, startLine, endLine, tokens: estimateTokens(block) }],
  };
  const rendered: Rendered[] = [];
  const excluded: ExcludedFile[] = [];
  admit(item, budget, rendered, excluded);
  if (rendered.length === 0) throw allExcludedError(excluded, 'the selection');
  return assemble('selection', rendered, excluded);
}

function refusal(path: string, rel: string | undefined, text: string, startLine: number, rules: PathRules): ExcludedFile | undefined {
  const nameSecret = secretFileNameReason(baseName(path));
  if (nameSecret) return { path, reason: 'secret', detail: nameSecret };
  const user = rel === undefined ? undefined : rules.extraExclude.match(rel);
  if (user) return { path, reason: 'user-exclude', detail: `matches '${user}' in claudeMultiAgent.exclude` };
  return secretExclusion(path, text, (line) => `on line ${startLine + line - 1}`);
}
