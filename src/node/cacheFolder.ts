// The user's cache folder for state that belongs to no work tree (a sweep's saved batch): XDG's
// $XDG_CACHE_HOME (default ~/.cache; %LOCALAPPDATA% on Windows), then one folder per repository or folder,
// named by its base name and a hash of its absolute path. Light on purpose: the editor reads it at start-up.
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import { basename, isAbsolute, join, resolve } from 'node:path';

export function cacheHome(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const xdg = env['XDG_CACHE_HOME']?.trim();
  // The XDG spec ignores a relative path.
  const base =
    xdg && isAbsolute(xdg)
      ? xdg
      : process.platform === 'win32' && env['LOCALAPPDATA']
        ? env['LOCALAPPDATA']
        : join(home, '.cache');
  return join(base, 'claude-multi-agent');
}

export const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** The folder holding the saved sweeps of the repository (or folder) at `root`. */
export function sweepCacheFolder(root: string, env?: NodeJS.ProcessEnv, home?: string): string {
  const at = resolve(root);
  const name =
    basename(at)
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 40) || 'root';
  return join(cacheHome(env, home), 'sweeps', `${name}-${shortHash(at)}`);
}
