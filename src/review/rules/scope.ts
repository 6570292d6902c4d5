// Which reviewed files a scoped instruction file covers. Copilot's `applyTo` and Cursor's `globs`
// are workspace-relative globs; they are matched like files.exclude (braces expanded, a glob not
// starting with `**` anchored at the root). A file covering none of the reviewed files is not sent.
import { ExcludePatterns } from '../../policy';
import { globList, type FrontMatter } from './frontMatter';
import type { RulesKind } from './kinds';

export type Scope = { applies: true; globs?: string[] } | { applies: false; why: string };

export function scopeOf(kind: RulesKind, header: FrontMatter, reviewed: readonly string[]): Scope {
  if (kind === 'copilotScoped')
    return matchGlobs(globList(header.data['applyTo']), reviewed, 'no applyTo in its front matter');
  if (kind === 'cursor') {
    if (header.data['alwaysApply'] === true) return { applies: true };
    return matchGlobs(globList(header.data['globs']), reviewed, 'neither globs nor alwaysApply in its front matter');
  }
  return { applies: true };
}

function matchGlobs(globs: string[], reviewed: readonly string[], none: string): Scope {
  if (globs.length === 0) return { applies: false, why: none };
  const patterns = ExcludePatterns.fromVsCodeGlobs(globs);
  return reviewed.some((path) => patterns.match(path) !== undefined)
    ? { applies: true, globs }
    : { applies: false, why: `its globs (${globs.join(', ')}) cover none of the reviewed files` };
}
