import * as vscode from 'vscode';
import { SECTION, SETTING_DEFAULTS, USER_SCOPE_ONLY, type Settings } from './settingsSchema';

/** Reads the typed settings; user-scope-only keys ignore workspace and folder values. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  const read = <K extends keyof Settings>(key: K): Settings[K] => {
    if (USER_SCOPE_ONLY.includes(key)) {
      const inspected = config.inspect<Settings[K]>(key);
      return inspected?.globalValue ?? inspected?.defaultValue ?? SETTING_DEFAULTS[key];
    }
    return config.get<Settings[K]>(key, SETTING_DEFAULTS[key]);
  };
  const settings = {} as Settings;
  for (const key of Object.keys(SETTING_DEFAULTS) as Array<keyof Settings>) {
    (settings as unknown as Record<string, unknown>)[key] = read(key);
  }
  settings.maxConcurrency = Math.min(10, Math.max(1, Math.round(settings.maxConcurrency)));
  return settings;
}

export const affectsSettings = (e: vscode.ConfigurationChangeEvent): boolean => e.affectsConfiguration(SECTION);
