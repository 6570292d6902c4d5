// `npm start` picks desktop VS Code wherever `code` is on the PATH, code-server only on Linux x64 with apt, and
// otherwise says plainly what is missing. Real PATH lookups over stand-in executables in a temp folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseEditor } from '../../../scripts/start/choose.mjs';
import { ROOT } from './project';

describe('npm start: which editor', () => {
  let tmp: string;
  let withCode: string;
  let withApt: string;
  let empty: string;

  const standIn = (dir: string, name: string, mode = 0o755) => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(dir, name), mode);
  };

  before(() => {
    tmp = mkdtempSync(join(tmpdir(), 'cma-start-'));
    withCode = join(tmp, 'code-bin');
    withApt = join(tmp, 'apt-bin');
    empty = join(tmp, 'empty');
    standIn(withCode, 'code');
    standIn(withApt, 'apt-get');
    mkdirSync(empty);
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  const PATH = (...dirs: string[]) => ({ PATH: dirs.join(':') });

  it('opens desktop VS Code when `code` is on the PATH, on every platform', () => {
    for (const [platform, arch] of [
      ['darwin', 'arm64'],
      ['linux', 'x64'],
      ['linux', 'arm64'],
    ] as const) {
      const choice = chooseEditor({ env: PATH(empty, withApt, withCode), platform, arch });
      assert.deepEqual(choice, { kind: 'desktop', code: join(withCode, 'code') }, `${platform}-${arch}`);
    }
  });

  it("finds Windows' code.cmd through PATHEXT", () => {
    standIn(join(tmp, 'win'), 'code.cmd', 0o644);
    const choice = chooseEditor({ env: { PATH: join(tmp, 'win'), PATHEXT: '.EXE;.CMD' }, platform: 'win32' });
    assert.deepEqual(choice, { kind: 'desktop', code: join(tmp, 'win', 'code.cmd') });
  });

  it('skips a `code` that is not executable or is a folder', () => {
    standIn(join(tmp, 'noexec'), 'code', 0o644);
    mkdirSync(join(tmp, 'folder', 'code'), { recursive: true });
    const choice = chooseEditor({ env: PATH(join(tmp, 'noexec'), join(tmp, 'folder')), platform: 'darwin' });
    assert.equal(choice.kind, 'unsupported');
  });

  it('falls back to code-server only on Linux x64 with apt-get', () => {
    assert.deepEqual(chooseEditor({ env: PATH(withApt), platform: 'linux', arch: 'x64' }), { kind: 'code-server' });
    for (const [platform, arch, path] of [
      ['linux', 'arm64', withApt],
      ['linux', 'x64', empty],
      ['darwin', 'x64', withApt],
      ['win32', 'x64', empty],
    ] as const) {
      const choice = chooseEditor({ env: PATH(path), platform, arch });
      assert.equal(choice.kind, 'unsupported', `${platform}-${arch}`);
      assert.ok(choice.kind === 'unsupported');
      assert.match(choice.reason, new RegExp(`no desktop VS Code .*for ${platform}-${arch}`));
      assert.match(choice.reason, /put `code` on the PATH/);
    }
  });

  it('honours --code-server and --desktop, or says why it cannot', () => {
    const env = PATH(withApt, withCode);
    assert.deepEqual(chooseEditor({ env, platform: 'linux', arch: 'x64', prefer: 'code-server' }), {
      kind: 'code-server',
    });
    const mac = chooseEditor({ env, platform: 'darwin', arch: 'arm64', prefer: 'code-server' });
    assert.ok(mac.kind === 'unsupported' && /needs Linux x64 with apt-get; this is darwin-arm64/.test(mac.reason));
    const noCode = chooseEditor({ env: PATH(withApt), platform: 'linux', arch: 'x64', prefer: 'desktop' });
    assert.ok(noCode.kind === 'unsupported' && /no `code` command on the PATH/.test(noCode.reason));
  });

  it('exits 1 with the reason, before building or installing anything, where nothing fits', () => {
    const devDir = join(tmp, 'dev');
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'start.mjs'), '--desktop'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${empty}:${join(process.execPath, '..')}`, CLAUDE_MULTI_AGENT_DEV_DIR: devDir },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(
      r.stdout,
      /^npm start: no `code` command on the PATH\. Install VS Code .* then run npm start again\.\n$/,
    );
    assert.ok(!existsSync(devDir), 'no profile was made');
  });
});
