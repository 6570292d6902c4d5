// npm start on a desktop: with a stand-in `code` on the PATH (a script that records how it was called and, when
// asked to open the workspace, checks the simulator answers at the URL in the profile's settings), npm start
// packages the VSIX, installs it into an isolated profile and opens the sample workspace, simulated.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freshClone, run } from './freshClone';

const STAND_IN_CODE = `#!/usr/bin/env node
const fs = require('fs');
const path = require('path');
const args = process.argv.slice(2);
const at = (flag) => args[args.indexOf(flag) + 1];
(async () => {
  const call = { args, simulated: process.env.CLAUDE_MULTI_AGENT_SIMULATED ?? null, key: process.env.ANTHROPIC_API_KEY ?? null };
  if (args.includes('--install-extension')) call.vsixBytes = fs.statSync(at('--install-extension')).size;
  if (args.includes('--wait')) {
    const settingsFile = path.join(at('--user-data-dir'), 'User', 'settings.json');
    call.baseUrl = JSON.parse(fs.readFileSync(settingsFile, 'utf8'))['claudeMultiAgent.baseUrl'];
    const res = await fetch(call.baseUrl + '/v1/models', { headers: { 'x-api-key': 'simulated-key', 'anthropic-version': '2023-06-01' } });
    call.models = res.status;
    call.workspaceIsGit = fs.existsSync(path.join(args[args.length - 1], '.git'));
  }
  fs.appendFileSync(process.env.STAND_IN_LOG, JSON.stringify(call) + '\\n');
})();
`;

interface Call {
  args: string[];
  simulated: string | null;
  key: string | null;
  vsixBytes?: number;
  baseUrl?: string;
  models?: number;
  workspaceIsGit?: boolean;
}

describe('npm start with desktop VS Code', () => {
  it('installs the VSIX into an isolated profile and opens the sample workspace against the simulator', async () => {
    const clone = await freshClone();
    const bin = join(clone.scratch, 'stand-in-bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'code'), STAND_IN_CODE);
    chmodSync(join(bin, 'code'), 0o755);
    const devDir = join(clone.scratch, 'dev');
    const log = join(clone.scratch, 'code-calls.jsonl');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${bin}:${process.env['PATH'] ?? ''}`,
      CLAUDE_MULTI_AGENT_DEV_DIR: devDir,
      STAND_IN_LOG: log,
    };
    delete env['ANTHROPIC_API_KEY'];
    const r = await run('npm', ['start'], { cwd: clone.dir, env });
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /ANSWERS ARE SIMULATED/);

    const calls = readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Call);
    const profile = join(devDir, 'desktop');
    const isolated = ['--extensions-dir', join(profile, 'extensions'), '--user-data-dir', join(profile, 'user-data')];
    assert.equal(calls.length, 2, 'install, then open');
    assert.deepEqual(calls[0]!.args, [
      ...isolated,
      '--install-extension',
      join(profile, 'claude-multi-agent.vsix'),
      '--force',
    ]);
    assert.ok((calls[0]!.vsixBytes ?? 0) > 100_000, 'a built VSIX');
    const workspace = join(profile, 'workspace', 'sample-workspace');
    assert.deepEqual(calls[1]!.args, [...isolated, '--new-window', '--wait', workspace]);
    assert.equal(calls[1]!.simulated, '1');
    assert.equal(calls[1]!.key, null, 'a key from the environment never reaches the simulated window');
    assert.match(calls[1]!.baseUrl ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(calls[1]!.models, 200, 'the simulator answered while the window was open');
    assert.equal(calls[1]!.workspaceIsGit, true, 'every review scope can be tried');
    assert.ok(!existsSync(join(clone.dir, '.dev')), 'the profile went where it was told');
    const stillUp = await fetch(`${calls[1]!.baseUrl}/v1/models`).then(
      () => true,
      () => false,
    );
    assert.equal(stillUp, false, 'closing the window stopped the simulator');
  });
});
