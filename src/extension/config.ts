import * as vscode from 'vscode';
import { SECTION, settingsFrom, type Settings } from './settingsSchema';

/** Reads the typed settings; user-scope-only keys ignore workspace and folder values, numbers are clamped. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return settingsFrom((key) => config.inspect(key));
}
