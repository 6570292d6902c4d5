#!/usr/bin/env node
// claude-multi-agent: the review and the batch sweep from a command line. A thin shell, as the editor
// is: it parses arguments, wires the Node adapters to the review pipeline and maps the ending to an
// exit code. Never imports the editor shell.
import { redact } from '../core';
import { secretsInEnv } from '../core/providers';
import { parseCommand, USAGE } from './args';
import { CliError, EXIT, type ExitCode } from './exitCodes';
import { CLI_VERSION } from './report';
import { reviewCommand, type CliIo } from './reviewCommand';
import { sweepCommand } from './sweepCommand';

export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
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
        return await reviewCommand(command, io);
      case 'sweep':
        return await sweepCommand(command, io);
    }
  } catch (err) {
    // redact(): an error from a lower layer must not carry the key (or any secret) to a CI log.
    io.stderr.write(
      `claude-multi-agent: ${redact(err instanceof Error ? err.message : String(err), secretsInEnv(io.env))}\n`,
    );
    if (err instanceof CliError) return err.exitCode;
    return EXIT.failed;
  }
}

function main(): void {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort(new Error('interrupted')));
  const io: CliIo = { cwd: process.cwd(), env: process.env, stderr: process.stderr, signal: controller.signal };
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

main();
