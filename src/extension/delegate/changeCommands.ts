// The change set's command ids, apart from their implementation so that registering them at activation
// loads nothing else (they forward to the delegation, loaded on first use).
export const CHANGE_COMMANDS = {
  open: 'claudeMultiAgent.delegation.openChanges',
  openFile: 'claudeMultiAgent.delegation.openFileChange',
  accept: 'claudeMultiAgent.delegation.acceptFile',
  discard: 'claudeMultiAgent.delegation.discardFile',
  acceptAll: 'claudeMultiAgent.delegation.acceptAll',
  discardAll: 'claudeMultiAgent.delegation.discardAll',
} as const;

export type ChangeCommand = (typeof CHANGE_COMMANDS)[keyof typeof CHANGE_COMMANDS];
