// What both ways of `npm start` share: the profile (settings, extensions, a git copy of the sample workspace).
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createProfile, QUIET_SETTINGS } from '../../test/e2e/harness/codeServer.ts';
import { DEMO_ENV, DEMO_SETTINGS } from '../../test/e2e/harness/demoProfile.ts';
import { initDemoRepo } from '../../test/e2e/harness/demoRepo.ts';

/** For the editor and so the extension host: the extension opens its walkthrough on the demo's first start. */
export const demoEnv = () => ({ ...DEMO_ENV });

export const say = (msg) => process.stdout.write(`${msg}\n`);

/**
 * The kept profile under `profileRoot` (user-data, extensions, workspace copy), its settings pointing at the
 * simulator when there is one (and no longer at an old simulator when there is not).
 */
export function prepareProfile({ profileRoot, simulatorUrl }) {
  const profile = createProfile({ root: profileRoot });
  if (initDemoRepo(profile.workspace))
    say(
      '  The sample workspace is a git repository: a branch ahead of main and an uncommitted change (the walkthrough shows them).',
    );
  updateSettings(join(profile.userDataDir, 'User', 'settings.json'), (s) => {
    Object.assign(s, DEMO_SETTINGS); // VS Code's chat on, for @experts
    if (simulatorUrl) s['claudeMultiAgent.baseUrl'] = simulatorUrl;
    else if (/^https?:\/\/127\.0\.0\.1:/.test(String(s['claudeMultiAgent.baseUrl'] ?? '')))
      delete s['claudeMultiAgent.baseUrl'];
  });
  return profile;
}

/** Edits settings.json in place, keeping the developer's own settings (a file that is not plain JSON is backed up). */
function updateSettings(file, edit) {
  let settings = {};
  if (existsSync(file)) {
    try {
      settings = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      copyFileSync(file, `${file}.bak`);
      say(`  (${file} was not plain JSON; saved as settings.json.bak and rewritten)`);
    }
  }
  settings = { ...QUIET_SETTINGS, ...settings };
  edit(settings);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
}
