// A selection: the content policy decides as for a whole file (secret names, the user's excludes,
// files.exclude, .gitignore, global git excludes, real path, secret content). A selection in a file
// outside the workspace is checked by name and content only.
import { admit, assemble, type Budget, type Rendered } from './assembly';
import { decodeText, splitLines } from './contentChecks';
import { allExcludedError, NothingToReviewError } from './errors';
import type { PathRules } from './pathRules';
import { toSlash, workspaceRelative } from './paths';
import { fileLines, renderFileListing } from './renderListing';
import { estimateTokens } from './tokens';
import type { ExcludedFile, GatheredContext, SelectionTarget } from './types';

export async function gatherSelection(
  target: SelectionTarget,
  rules: PathRules,
  budget: Budget,
): Promise<GatheredContext> {
  const text = decodeText(new TextEncoder().encode(target.text));
  if (text.trim() === '') throw new NothingToReviewError('empty-target', 'Nothing to review: the selection is empty.');
  const root = rules.policy.root;
  const rel = root === undefined ? undefined : workspaceRelative(root, target.path);
  // Outside the workspace the path is shown as given (absolute, forward slashes).
  const path = rel ?? toSlash(target.path);
  const lines = splitLines(text);
  const startLine = Math.max(1, Math.floor(target.startLine));

  const refused = await rules.policy.editorTextExclusion(target.path, text, startLine);
  if (refused) {
    throw new NothingToReviewError(
      'all-excluded',
      `Nothing to review: the selection was not sent (${refused.detail}).`,
      [refused],
    );
  }

  const block = renderFileListing(path, lines, startLine);
  const endLine = startLine + lines.length - 1; // from the text: a selection may end at column 0 of the next line
  const item: Rendered = {
    path,
    block,
    listed: fileLines(lines, startLine),
    bytes: new TextEncoder().encode(target.text).length,
    ranges: [{ path, startLine, endLine, tokens: estimateTokens(block) }],
  };
  const rendered: Rendered[] = [];
  const excluded: ExcludedFile[] = [];
  admit(item, budget, rendered, excluded);
  if (rendered.length === 0) throw allExcludedError(excluded, 'the selection');
  return assemble('selection', rendered, excluded);
}
