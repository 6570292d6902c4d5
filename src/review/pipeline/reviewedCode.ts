// What a finished review sent as its cached prefix, for one file: a follow-up chat about that file,
// on the same model and with the same text, sends these blocks first and reads the review's cache
// entry instead of writing its own. Kept by the shell for the session (the cache lives minutes).
import type { SharedBlock } from '../sharedBlock';

export interface ReviewedCode {
  /** The one file the review covered (workspace-relative, as in the listing). */
  path: string;
  startLine: number;
  endLine: number;
  /** The file's lines as the review showed them (the chat reuses the prefix only for the same text). */
  lines: ReadonlyMap<number, string>;
  /** The shared blocks exactly as the review sent them: the project's rules (when any), then the code. */
  blocks: string[];
  /** The models the review's requests ran on: each has its own cache entry. */
  models: string[];
}

/** The review's prefix when it covered one range of one file (a chat is about one whole file). */
export function reviewedCodeOf(block: SharedBlock, models: readonly string[]): ReviewedCode | undefined {
  const [file, ...more] = block.files;
  const lines = file && block.listing.get(file.path);
  if (!file || !lines || more.length) return undefined;
  return {
    path: file.path,
    startLine: file.startLine,
    endLine: file.endLine,
    lines,
    blocks: [...block.blocks],
    models: [...new Set(models)],
  };
}

/** The newest reviewed prefix per file path, a few files at most (each holds a file's listing). */
export class ReviewedCodeRegistry {
  private readonly byPath = new Map<string, ReviewedCode>();

  constructor(private readonly keep = 8) {}

  remember(code: ReviewedCode | undefined): void {
    if (!code) return;
    this.byPath.delete(code.path);
    this.byPath.set(code.path, code);
    while (this.byPath.size > this.keep) this.byPath.delete(this.byPath.keys().next().value!);
  }

  find(path: string): ReviewedCode | undefined {
    return this.byPath.get(path);
  }
}
