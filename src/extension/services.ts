import type * as vscode from 'vscode';
import type { Logger } from '../core';
import type { ApiKeyStore } from './apiKeyStore';

/** What every feature receives from activation: small, explicit dependencies instead of globals. */
export interface Services {
  context: vscode.ExtensionContext;
  keys: ApiKeyStore;
  logger: Logger;
}
