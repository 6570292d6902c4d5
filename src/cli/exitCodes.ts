// Exit codes as types (after gemini-cli's FatalError): each way a run can end has one code, and
// anything thrown on the way out names its own.

export const EXIT = {
  /** The review ran and nothing reached --fail-on. */
  ok: 0,
  /** The review ran and found something at or above --fail-on. */
  findings: 1,
  /** The command line was wrong. */
  usage: 2,
  /** The review could not run or failed (no key, no repository, unreachable API, every expert failed). */
  failed: 3,
  /** --max-cost was reached: the report holds what was done until then. */
  budget: 4,
  /** Interrupted (Ctrl+C). */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error that ends the process with its own code and a sentence for stderr. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

export class RunFailedError extends CliError {
  constructor(message: string) {
    super(message, EXIT.failed);
  }
}
