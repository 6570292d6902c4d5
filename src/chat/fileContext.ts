// The adapter between the chat (and the delegation) and the review domain's context gathering:
// text the user has open → a numbered, secret-free listing. Pure: no `vscode` import.
//
// Policy: secret-shaped values (API keys, tokens, private key blocks …) are replaced by
// "[redacted secret]" before anything is gathered, so a file that merely contains a key can still be
// discussed; a file whose *name* marks it as a credential store (.env, *.pem …) or that matches
// claudeMultiAgent.exclude is not sent at all. Gathering itself re-checks the text.
import { gatherContext, noWorkspaceFs, NothingToReviewError, redactSecrets } from '../review';

export interface FileContextInput {
  /** Workspace-relative path (preferred) or absolute path, as the model should see it. */
  path: string;
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
}

export type FileContext =
  | {
      included: true;
      path: string;
      /** `<code-under-review>` block with the numbered listing. */
      systemText: string;
      /** How many secret-shaped values were replaced. */
      redactedSecrets: number;
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

const PLACEHOLDER = /\[redacted secret\]/g;
const count = (text: string): number => (text.match(PLACEHOLDER) ?? []).length;

/** The secret-free numbered listing of `text`, or why it cannot be sent. */
export async function gatherFileContext(input: FileContextInput): Promise<FileContext> {
  const redacted = redactSecrets(input.text);
  const redactedSecrets = Math.max(0, count(redacted) - count(input.text));
  const lineCount = Math.max(1, redacted.split('\n').length);
  const startLine = Math.max(1, Math.floor(input.startLine ?? 1));
  try {
    const gathered = await gatherContext({
      fs: noWorkspaceFs, // a selection target reads no file
      workspaceRoot: input.workspaceRoot || '/',
      respectGitignore: false,
      budgetTokens: input.budgetTokens,
      extraExclude: input.exclude ?? [],
      target: { kind: 'selection', path: input.path, startLine, endLine: startLine + lineCount - 1, text: redacted },
    });
    const file = gathered.files[0];
    return {
      included: true,
      path: file?.path ?? input.path,
      systemText: gathered.systemText,
      redactedSecrets,
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

/** One line for the user about what was done to the text before sending, or undefined. */
export function describeFileContext(context: FileContext): string | undefined {
  if (!context.included) return `${context.path} is not sent to the model: ${context.reason}.`;
  if (context.redactedSecrets > 0) {
    const n = context.redactedSecrets;
    return `${n} secret-shaped value${n === 1 ? ' was' : 's were'} replaced with [redacted secret] before sending ${context.path}.`;
  }
  return undefined;
}
