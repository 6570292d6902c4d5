// The adapter between the chat (and the delegation) and the review domain's context gathering:
// text the user has open → a numbered listing, or why it may not be sent. Pure: no `vscode` import.
//
// Policy (src/policy, the same gate as the review's): a file whose name marks it as a credential
// store, that the user's excludes, files.exclude, .gitignore or the global git excludes leave out,
// that is a symbolic link out of its workspace folder, or whose text holds a secret-shaped value is
// not sent at all, and the user is told which rule kept it back. Nothing is sent redacted.
import { ContentPolicy, type GlobalExcludes, type WorkspaceFs } from '../policy';
import { gatherContext, NothingToReviewError } from '../review';

export interface FileContextInput {
  /** Workspace-relative path (preferred) or absolute path, as the model should see it. */
  path: string;
  /** The file's absolute path on disk, when the text is a file's (for the real-path and file-name checks). */
  filePath?: string;
  /** The text as it is in the editor (unsaved changes included). */
  text: string;
  /** 1-based number of the first line of `text` in the file (default 1: the whole file). */
  startLine?: number;
  /** Absolute path of the workspace folder, when there is one. */
  workspaceRoot?: string;
  /** Approximate token budget for the listing (the contextTokenBudget setting). */
  budgetTokens: number;
  /** The claudeMultiAgent.exclude setting. */
  exclude?: string[];
  /** files.exclude globs whose value is true. */
  filesExclude?: string[];
  /** The user's global git excludes (core.excludesFile). */
  globalExcludes?: GlobalExcludes;
  /** Reads .gitignore files and resolves real paths. */
  fs: WorkspaceFs;
}

export type FileContext =
  | {
      included: true;
      path: string;
      /** `<code-under-review>` block with the numbered listing. */
      systemText: string;
      /** The numbered lines of that listing, as data. */
      lines: ReadonlyMap<number, string>;
      startLine: number;
      endLine: number;
      tokens: number;
    }
  | {
      included: false;
      path: string;
      /** Why nothing was sent, in words for the user (never a secret value). */
      reason: string;
    };

/** The numbered listing of `text`, or why it may not be sent. */
export async function gatherFileContext(input: FileContextInput): Promise<FileContext> {
  const lineCount = Math.max(1, input.text.split('\n').length);
  const startLine = Math.max(1, Math.floor(input.startLine ?? 1));
  const inWorkspace = Boolean(input.workspaceRoot);
  if (!inWorkspace && input.filePath) {
    // Outside any workspace folder the gathering sees only the label; the policy judges the real location.
    const refused = await new ContentPolicy({ fs: input.fs }).editorTextExclusion(
      input.filePath,
      input.text,
      startLine,
    );
    if (refused) return { included: false, path: input.path, reason: refused.detail };
  }
  try {
    const gathered = await gatherContext({
      fs: input.fs,
      workspaceRoot: input.workspaceRoot || '/',
      respectGitignore: inWorkspace,
      budgetTokens: input.budgetTokens,
      extraExclude: input.exclude ?? [],
      filesExclude: inWorkspace ? (input.filesExclude ?? []) : [],
      ...(inWorkspace && input.globalExcludes && { globalExcludes: input.globalExcludes }),
      target: {
        kind: 'selection',
        path: (inWorkspace && input.filePath) || input.path,
        startLine,
        endLine: startLine + lineCount - 1,
        text: input.text,
      },
    });
    const file = gathered.files[0];
    const path = file?.path ?? input.path;
    return {
      included: true,
      path,
      systemText: gathered.systemText,
      lines: gathered.listing.get(path) ?? new Map<number, string>(),
      startLine: file?.startLine ?? startLine,
      endLine: file?.endLine ?? startLine + lineCount - 1,
      tokens: gathered.totalTokens,
    };
  } catch (err) {
    if (err instanceof NothingToReviewError) {
      const first = err.excluded[0];
      const reason = first ? first.detail : err.kind === 'empty-target' ? 'it is empty' : err.message;
      return { included: false, path: input.path, reason };
    }
    throw err;
  }
}

/** One line for the user when the file's text was kept back, naming the file and the rule; else undefined. */
export function describeFileContext(context: FileContext): string | undefined {
  return context.included ? undefined : `${context.path} is not sent to the model: ${context.reason}.`;
}
