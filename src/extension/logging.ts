import * as vscode from 'vscode';
import { redactingLogger, type Logger } from '../core/logger';

/** The extension's log channel; every line is redacted of the key (and anything key-shaped). */
export function createLogger(channel: vscode.LogOutputChannel, secrets: () => readonly string[]): Logger {
  return redactingLogger(
    {
      debug: (m) => channel.debug(m),
      info: (m) => channel.info(m),
      warn: (m) => channel.warn(m),
      error: (m) => channel.error(m),
    },
    secrets,
  );
}
