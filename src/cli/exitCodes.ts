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
  /** Files that should have been reviewed were left out (over the token budget); --allow-partial makes it 0. */
  partial: 5,
  /** --timeout passed: the report holds what was done until then (124, as coreutils' timeout). */
  timeout: 124,
  /** Interrupted (Ctrl+C, SIGINT). */
  interrupted: 130,
  /** Terminated (SIGTERM, what a CI runner sends on its own timeout or a cancelled job). */
  terminated: 143,
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

/** Why a run's signal was aborted: a process signal or --timeout (see main.ts). */
export class StopReason extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
  }
}

/** The exit code of a run its signal stopped: SIGINT 130, SIGTERM 143, --timeout 124. */
export const stopCode = (signal: AbortSignal): ExitCode =>
  signal.reason instanceof StopReason ? signal.reason.exitCode : EXIT.interrupted;
