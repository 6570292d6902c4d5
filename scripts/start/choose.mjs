// Which editor `npm start` opens: desktop VS Code where its `code` command is on the PATH (any OS), else
// code-server in the browser where it can be installed (Linux x64 with apt), else a plain "not supported".
import { accessSync, constants, statSync } from 'node:fs';
import { join } from 'node:path';

/** The first `name` on PATH that is an executable file (on Windows, with PATHEXT's extensions), or undefined. */
export function findOnPath(name, { env = process.env, platform = process.platform } = {}) {
  const windows = platform === 'win32';
  const dirs = (env.PATH ?? env.Path ?? '').split(windows ? ';' : ':').filter(Boolean);
  // Windows file names are case-insensitive; PATHEXT is upper case.
  const exts = windows ? (env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').toLowerCase().split(';').filter(Boolean) : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const file = join(dir, name + ext);
      try {
        if (!statSync(file).isFile()) continue;
        if (!windows) accessSync(file, constants.X_OK);
        return file;
      } catch {
        /* not here */
      }
    }
  }
  return undefined;
}

/**
 * The choice, from what is on this machine. `prefer` is 'desktop' or 'code-server' when the developer asked
 * for one (npm start -- --desktop | --code-server).
 * @returns {{ kind: 'desktop', code: string } | { kind: 'code-server' } | { kind: 'unsupported', reason: string }}
 */
export function chooseEditor({
  env = process.env,
  platform = process.platform,
  arch = process.arch,
  prefer = undefined,
} = {}) {
  const code = findOnPath('code', { env, platform });
  const apt = platform === 'linux' ? findOnPath('apt-get', { env, platform }) : undefined;
  const codeServerPossible = platform === 'linux' && arch === 'x64' && Boolean(apt);
  const here = `${platform}-${arch}`;
  if (prefer === 'code-server') {
    return codeServerPossible
      ? { kind: 'code-server' }
      : { kind: 'unsupported', reason: `--code-server needs Linux x64 with apt-get; this is ${here}.` };
  }
  if (code) return { kind: 'desktop', code };
  if (prefer === 'desktop') {
    return { kind: 'unsupported', reason: 'no `code` command on the PATH. ' + INSTALL_CODE };
  }
  if (codeServerPossible) return { kind: 'code-server' };
  return {
    kind: 'unsupported',
    reason:
      `no desktop VS Code (\`code\` on the PATH) and no code-server for ${here} ` +
      `(npm start installs code-server only on Linux x64 with apt-get). ${INSTALL_CODE}`,
  };
}

const INSTALL_CODE =
  'Install VS Code (https://code.visualstudio.com) and put `code` on the PATH ' +
  '(in VS Code: "Shell Command: Install \'code\' command in PATH" on macOS; the installer does it on Windows and Linux), ' +
  'then run npm start again.';
