// The user's global git excludes (core.excludesFile), for the content policy. Node-only and outside
// src/policy: it reads the user's own git configuration files and never runs git, so nothing in the
// workspace (its .git/config, a `git` binary on its path, an fsmonitor hook) is consulted or executed.
//
// Read, lowest precedence first: /etc/gitconfig, $XDG_CONFIG_HOME/git/config (or ~/.config/git/config)
// and ~/.gitconfig; $GIT_CONFIG_GLOBAL replaces the last two as it does for git. [include] sections
// are not followed; a relative excludesFile (which git would resolve in the work tree) is ignored.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { GlobalExcludes } from '../policy';

export interface GlobalExcludesEnv {
  env: Record<string, string | undefined>;
  homeDir: string;
  readText(path: string): Promise<string>;
}

const defaults = (): GlobalExcludesEnv => ({
  env: process.env,
  homeDir: homedir(),
  readText: (p) => readFile(p, 'utf8'),
});

/** The text of the global excludes file and where it came from, or undefined when there is none. */
export async function readGlobalGitExcludes(
  given: Partial<GlobalExcludesEnv> = {},
): Promise<GlobalExcludes | undefined> {
  const { env, homeDir, readText } = { ...defaults(), ...given };
  const xdg = env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(homeDir, '.config');
  const globals = env.GIT_CONFIG_GLOBAL
    ? [env.GIT_CONFIG_GLOBAL]
    : [join(xdg, 'git', 'config'), join(homeDir, '.gitconfig')];
  const files = [...(env.GIT_CONFIG_NOSYSTEM ? [] : ['/etc/gitconfig']), ...globals];

  let configured: string | undefined;
  for (const file of files) {
    const text = await readText(file).catch(() => undefined);
    const value = text === undefined ? undefined : excludesFileSetting(text);
    if (value !== undefined) configured = value;
  }
  const path = configured === undefined ? join(xdg, 'git', 'ignore') : expandHome(configured, homeDir);
  if (path === undefined) return undefined;
  const text = await readText(path).catch(() => undefined);
  return text === undefined ? undefined : { source: path, text };
}

/** The last core.excludesFile value in one git config file's text, or undefined. */
export function excludesFileSetting(config: string): string | undefined {
  let section = '';
  let value: string | undefined;
  for (const raw of config.split(/\r?\n/)) {
    const line = raw.trim();
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"[^"]*")?\s*\]/.exec(line);
    if (header) {
      section = header[1]!.toLowerCase();
      continue;
    }
    if (section !== 'core') continue;
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (entry && entry[1]!.toLowerCase() === 'excludesfile') value = unquote(entry[2]!);
  }
  return value;
}

/** A git config value: comments (# or ; outside quotes) dropped, quotes removed, \" and \\ unescaped. */
function unquote(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i]!;
    if (ch === '\\' && i + 1 < raw.length) out += raw[++i];
    else if (ch === '"') quoted = !quoted;
    else if ((ch === '#' || ch === ';') && !quoted) break;
    else out += ch;
  }
  return out.trim();
}

function expandHome(path: string, homeDir: string): string | undefined {
  if (path === '~' || path.startsWith('~/')) return join(homeDir, path.slice(1));
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? path : undefined;
}
