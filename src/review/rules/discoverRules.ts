// Finds, for the files under review, the project's instruction files (CLAUDE.md, AGENTS.md, REVIEW.md,
// Copilot's and Cursor's) and turns those that apply into the rules block. They steer the model, so an
// untrusted workspace has none read; and they pass the same content policy as code, so no secret
// leaves by this path either. Whole files are taken in order while the budget holds; the rest are named.
import { comparePaths, joinPath, parentFolder, type ContentPolicy, type WorkspaceFs } from '../../policy';
import { binaryReason, decodeText, estimateTokens } from '../context';
import { readFrontMatter } from './frontMatter';
import { NESTED_FILE_NAMES, ROOT_FILES, RULES_KINDS, SCOPED_FOLDERS, type RulesKind } from './kinds';
import { renderRulesBlock, renderRulesSection } from './renderRules';
import { scopeOf } from './scope';
import {
  NO_PROJECT_RULES,
  type LeftOutRulesFile,
  type ProjectRules,
  type RulesSettings,
  type UsedRulesFile,
} from './types';

/** A rules file bigger than this is not read: instructions are short, and this one is likely not. */
export const MAX_RULES_FILE_BYTES = 64 * 1024;

export interface RulesInput extends RulesSettings {
  fs: WorkspaceFs;
  /** Absolute path of the workspace folder. */
  root: string;
  /** The review's content policy (see pathRulesFor). */
  policy: ContentPolicy;
  /** Workspace-relative paths of the files under review. */
  reviewed: readonly string[];
  /** False in an untrusted workspace: nothing is read. */
  trusted: boolean;
  signal?: AbortSignal;
}

interface Candidate {
  path: string;
  kind: RulesKind | 'extra';
  /** For a CLAUDE.md/AGENTS.md below the root: the folder it covers. */
  folder?: string;
}

export async function discoverProjectRules(input: RulesInput): Promise<ProjectRules> {
  if (!input.trusted) return { ...NO_PROJECT_RULES, untrusted: true };
  const candidates = await findCandidates(input);
  const files: UsedRulesFile[] = [];
  const leftOut: LeftOutRulesFile[] = [];
  const sections: string[] = [];
  let left = Math.max(0, input.budgetTokens);

  for (const candidate of candidates) {
    input.signal?.throwIfAborted();
    const read = await readAllowed(input, candidate.path);
    if (read === undefined) continue; // not there: nothing to say
    if ('reason' in read) {
      leftOut.push(read);
      continue;
    }
    const header = readFrontMatter(read.text);
    const scope = scopeOf(candidate.kind === 'extra' ? 'review' : candidate.kind, header, input.reviewed);
    if (!scope.applies) {
      leftOut.push({ path: candidate.path, reason: 'scope', detail: scope.why });
      continue;
    }
    const appliesTo = scope.globs?.join(', ') ?? (candidate.folder ? `${candidate.folder}/**` : undefined);
    const body = candidate.kind === 'copilotScoped' || candidate.kind === 'cursor' ? header.body : read.text;
    const section = renderRulesSection({ path: candidate.path, body, ...(appliesTo && { appliesTo }) });
    const tokens = estimateTokens(section);
    if (tokens > left) {
      leftOut.push({
        path: candidate.path,
        reason: 'budget',
        detail: `needs about ${tokens} tokens; about ${left} of the ${input.budgetTokens}-token rules budget were left`,
      });
      continue;
    }
    left -= tokens;
    sections.push(section);
    files.push({ path: candidate.path, kind: candidate.kind, tokens, ...(scope.globs && { globs: scope.globs }) });
  }
  const systemText = renderRulesBlock(sections);
  return { systemText, files, leftOut, tokens: estimateTokens(systemText) };
}

/** Every place a rules file of an enabled kind may be, in prompt order, each path once. */
async function findCandidates(input: RulesInput): Promise<Candidate[]> {
  const enabled = new Set(input.kinds);
  const folders = foldersAbove(input.reviewed);
  const out: Candidate[] = [];
  for (const kind of RULES_KINDS) {
    if (!enabled.has(kind)) continue;
    for (const [k, path] of ROOT_FILES) if (k === kind) out.push({ path, kind });
    for (const [k, name] of NESTED_FILE_NAMES) {
      if (k !== kind) continue;
      for (const folder of folders)
        out.push({ path: folder ? `${folder}/${name}` : name, kind, ...(folder && { folder }) });
    }
    for (const [k, folder, suffix] of SCOPED_FOLDERS) {
      if (k !== kind) continue;
      const names = await input.fs.readDirectory(joinPath(input.root, folder)).catch(() => []);
      const matching = names
        .filter(([name, type]) => type === 'file' && name.endsWith(suffix))
        .map(([name]) => `${folder}/${name}`);
      for (const path of matching.sort(comparePaths)) out.push({ path, kind });
    }
  }
  for (const extra of input.extraPaths) {
    const path = extra.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
    if (path && !path.split('/').includes('..')) out.push({ path, kind: 'extra' });
  }
  const seen = new Set<string>();
  return out.filter((c) => !seen.has(c.path) && Boolean(seen.add(c.path)));
}

/** '' (the root) and every folder above a reviewed file, shallow first. */
function foldersAbove(reviewed: readonly string[]): string[] {
  const folders = new Set<string>(['']);
  for (const path of reviewed) {
    for (let folder = parentFolder(path); folder !== ''; folder = parentFolder(folder)) folders.add(folder);
  }
  return [...folders].sort((a, b) => depth(a) - depth(b) || comparePaths(a, b));
}

const depth = (folder: string): number => (folder === '' ? 0 : folder.split('/').length);

/** The file's text, or why it may not be sent, or undefined when there is no such file. */
async function readAllowed(input: RulesInput, path: string): Promise<{ text: string } | LeftOutRulesFile | undefined> {
  const abs = joinPath(input.root, path);
  const stat = await input.fs.stat(abs).catch(() => undefined);
  if (stat?.type !== 'file') return undefined;
  const refused = (await input.policy.pathExclusion(path, false)) ?? (await input.policy.realPathExclusion(path));
  if (refused) return { path, reason: 'policy', detail: refused.detail };
  if (stat.size > MAX_RULES_FILE_BYTES)
    return {
      path,
      reason: 'too-large',
      detail: `${Math.ceil(stat.size / 1024)} KiB is over the ${MAX_RULES_FILE_BYTES / 1024} KiB limit for a rules file`,
    };
  let bytes: Uint8Array;
  try {
    bytes = await input.fs.readFile(abs);
  } catch {
    return { path, reason: 'unreadable', detail: 'file could not be read' };
  }
  const binary = binaryReason(bytes);
  if (binary) return { path, reason: 'unreadable', detail: binary };
  const text = decodeText(bytes);
  const secret = await input.policy.contentExclusion(path, text, (line) => `on line ${line}`);
  return secret ? { path, reason: 'policy', detail: secret.detail } : { text };
}
