// A test's change to User/settings.json, made as a person editing the file would, then a window reload so
// the new extension host reads it for sure (code-server's watcher does not always report a write made from
// outside). The workbench also writes that file (a settings migration, for one) from its own copy; a write
// of ours that it overwrote would show only as a timeout on the change's effect, so the file is checked
// after the reload and the failure says what happened.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workbench } from './workbench.js';

type Settings = Record<string, unknown>;

const fileOf = (wb: Workbench) => join(wb.profile.userDataDir, 'User', 'settings.json');
const read = (wb: Workbench): Settings => JSON.parse(readFileSync(fileOf(wb), 'utf8')) as Settings;

function applied(settings: Settings, change: Readonly<Record<string, unknown>>): Settings {
  const next = { ...settings };
  for (const [key, value] of Object.entries(change)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next;
}

/**
 * Sets (or, with `undefined`, removes) user settings and reloads the window. Resolves to a function
 * that puts the changed keys back as they were, without a reload (for a `finally`).
 */
export async function changeUserSettings(
  wb: Workbench,
  change: Readonly<Record<string, unknown>>,
): Promise<() => void> {
  const before = read(wb);
  writeFileSync(fileOf(wb), `${JSON.stringify(applied(before, change), null, 2)}\n`);
  await wb.reloadWindow();
  const now = read(wb);
  for (const [key, value] of Object.entries(change))
    assert.deepEqual(
      now[key],
      value,
      `settings.json lost the test's ${key} during the reload: the workbench rewrote the file from its own copy`,
    );
  const restore = Object.fromEntries(Object.keys(change).map((key) => [key, before[key]]));
  return () => writeFileSync(fileOf(wb), `${JSON.stringify(applied(read(wb), restore), null, 2)}\n`);
}
