import type { Command } from './args';
import { RunFailedError, type ExitCode } from './exitCodes';
import type { CliIo } from './reviewCommand';

export function sweepCommand(_command: Extract<Command, { kind: 'sweep' }>, _io: CliIo): Promise<ExitCode> {
  return Promise.reject(new RunFailedError('sweep is not available yet.'));
}
