#!/usr/bin/env node
// claude-multi-agent: the review and the batch sweep from a command line. A thin shell, as the editor
// is: it parses arguments, wires the Node adapters to the review pipeline and maps the ending to an
// exit code. Never imports the editor shell.
import { parseCommand, USAGE } from './args';
import { withoutKey } from './apiAccess';
import { CliError, EXIT, StopReason, type ExitCode } from './exitCodes';
import { CLI_VERSION } from './report';
import { reviewCommand, type CliIo } from './reviewCommand';
import { sweepCommand } from './sweepCommand';

export async function runCli(argv: readonly string[], given: CliIo): Promise<ExitCode> {
  // Every line on stderr (progress, warnings, errors) passes the redactor with the key: an endpoint may
  // echo the Authorization header into an error, and CI logs are read by many.
  const io: CliIo = {
    ...given,
    stderr: {
      write: (text) => given.stderr.write(withoutKey(text, given.env)),
      ...(given.stderr.isTTY !== undefined && { isTTY: given.stderr.isTTY }),
    },
  };
  try {
    const command = parseCommand(argv, io.cwd);
    switch (command.kind) {
      case 'help':
        io.stderr.write(USAGE);
        return argv.length ? EXIT.ok : EXIT.usage;
      case 'version':
        io.stderr.write(`${CLI_VERSION}\n`);
        return EXIT.ok;
      case 'review':
        return await withTimeout(command.timeoutMs, io, (timed) => reviewCommand(command, timed));
      case 'sweep':
        return await withTimeout(command.timeoutMs, io, (timed) => sweepCommand(command, timed));
    }
  } catch (err) {
    io.stderr.write(`claude-multi-agent: ${err instanceof Error ? err.message : String(err)}\n`);
    if (err instanceof CliError) return err.exitCode;
    return EXIT.failed;
  }
}

/** Runs `run` with a signal that also aborts after `ms` (--timeout): the run writes its partial report and exits 124. */
async function withTimeout(
  ms: number | undefined,
  io: CliIo,
  run: (io: CliIo) => Promise<ExitCode>,
): Promise<ExitCode> {
  if (ms === undefined) return run(io);
  const controller = new AbortController();
  const forward = () => controller.abort(io.signal.reason);
  io.signal.addEventListener('abort', forward, { once: true });
  const timer = setTimeout(() => controller.abort(new StopReason(`--timeout ${ms / 1000}s passed`, EXIT.timeout)), ms);
  try {
    return await run({ ...io, signal: controller.signal });
  } finally {
    clearTimeout(timer);
    io.signal.removeEventListener('abort', forward);
  }
}

function main(): void {
  const controller = new AbortController();
  // SIGTERM is what a CI runner sends on its timeout or a cancelled job: the partial report is written as for Ctrl+C.
  process.once('SIGINT', () => controller.abort(new StopReason('Interrupted (SIGINT)', EXIT.interrupted)));
  process.once('SIGTERM', () => controller.abort(new StopReason('Terminated (SIGTERM)', EXIT.terminated)));
  const io: CliIo = { cwd: process.cwd(), env: process.env, stderr: process.stderr, signal: controller.signal };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

main();
