import type * as vscode from 'vscode';
import type { Logger } from '../core';
import type { ReviewedCodeRegistry } from '../review';
import type { ApiKeyStore } from './apiKeyStore';

/** What every feature receives from activation: small, explicit dependencies instead of globals. */
export interface Services {
  context: vscode.ExtensionContext;
  keys: ApiKeyStore;
  logger: Logger;
  /** The cached prefix of recent one-file reviews: a follow-up chat on such a file reads it. */
  reviewedCode?: ReviewedCodeRegistry;
}
