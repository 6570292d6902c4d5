// One open finding as the workspace keeps it (openFindings.ts), and the check of stored data. Imports
// nothing at run time: activation reads OPEN_FINDINGS_KEY to restore Problems and threads after a reload.
import type { Finding } from '../../review';

export const OPEN_FINDINGS_KEY = 'claudeMultiAgent.openFindings';

/** A question asked in a finding's comment thread, or the answer to it. */
export interface ThreadComment {
  author: 'You' | 'Claude';
  body: string;
}

export interface OpenFinding {
  /** Where it now is (its lines follow edits). */
  finding: Finding;
  /** The review that last raised it ("Show in review panel"). */
  reviewId: string;
  /** Its code was edited since that review. */
  outdated: boolean;
  /** Its suggested fix was applied: out of Problems and threads until a complete review settles it. */
  fixApplied?: boolean;
  /** Questions asked in its comment thread and their answers, oldest first. */
  conversation: ThreadComment[];
}

/** The findings of one file. */
export interface FileFindings {
  /** The document's URI string. */
  uri: string;
  /** Its workspace folder's URI string. */
  root: string;
  /** Folder-relative path, as findings name it. */
  file: string;
  items: OpenFinding[];
}

/** Whether the workspace holds open findings to show (activation loads the review feature then). */
export function hasOpenFindings(stored: unknown): boolean {
  const files = (stored as { files?: unknown } | undefined)?.files;
  return Array.isArray(files) && files.some((f) => isStoredFile(f) && f.items.length > 0);
}

const isComment = (c: unknown): c is ThreadComment =>
  typeof c === 'object' &&
  c !== null &&
  ((c as ThreadComment).author === 'You' || (c as ThreadComment).author === 'Claude') &&
  typeof (c as ThreadComment).body === 'string';

const isItem = (v: unknown): v is OpenFinding => {
  const i = v as Partial<OpenFinding> | undefined;
  const f = i?.finding as Partial<Finding> | undefined;
  return (
    typeof i === 'object' &&
    i !== null &&
    typeof i.reviewId === 'string' &&
    typeof i.outdated === 'boolean' &&
    Array.isArray(i.conversation) &&
    i.conversation.every(isComment) &&
    typeof f?.id === 'string' &&
    typeof f.file === 'string' &&
    Number.isInteger(f.startLine) &&
    Number.isInteger(f.endLine) &&
    typeof f.title === 'string' &&
    typeof f.explanation === 'string' &&
    typeof f.severity === 'string' &&
    Array.isArray(f.experts)
  );
};

/** Loose structural check of stored data: a file with an unreadable finding is dropped, not trusted. */
export function isStoredFile(v: unknown): v is FileFindings {
  const f = v as Partial<FileFindings> | undefined;
  return (
    typeof f === 'object' &&
    f !== null &&
    typeof f.uri === 'string' &&
    typeof f.root === 'string' &&
    typeof f.file === 'string' &&
    Array.isArray(f.items) &&
    f.items.every(isItem)
  );
}
