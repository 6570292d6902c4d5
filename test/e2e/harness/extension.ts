// Builds the extension from the repository root into a VSIX and installs it with code-server.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, CODE_SERVER_ENTRY, E2E_DIR, NODE24, REPO_ROOT, VSCE_BIN, assertSetupDone } from './paths.js';
import { OWNER_ENV, OWNER_TOKEN, TimeoutError } from './processes.js';

export interface RunResult {
  code: number | null;
  output: string;
}

/** Runs a command to completion in its own process group, bounded by `timeoutMs`; throws with its output on failure. */
export function run(
  what: string,
  command: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number; allowFailure?: boolean },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd ?? REPO_ROOT,
      env: { ...(opts.env ?? process.env), [OWNER_ENV]: OWNER_TOKEN },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
      reject(new TimeoutError(what, opts.timeoutMs, output.slice(-4000)));
    }, opts.timeoutMs);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`${what}: could not start ${command}: ${err.message}`));
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code !== 0 && !opts.allowFailure) {
        reject(new Error(`${what} failed (exit ${code}):\n$ ${command} ${args.join(' ')}\n${output.slice(-6000)}`));
      } else {
        resolve({ code, output });
      }
    });
  });
}

export interface PackageOptions {
  /** Where the VSIX goes (default test/e2e/.cache/vsix/claude-multi-agent.vsix). */
  out?: string;
  timeoutMs?: number;
}

let packaged: Promise<string> | undefined;

/**
 * Packages the repository root as a VSIX with vsce (which runs `vscode:prepublish`, i.e. the production esbuild
 * build). Done once per process: later calls return the same file.
 */
export function packageExtension(opts: PackageOptions = {}): Promise<string> {
  packaged ??= doPackage(opts).catch((err) => {
    packaged = undefined;
    throw err;
  });
  return packaged;
}

async function doPackage(opts: PackageOptions): Promise<string> {
  assertSetupDone();
  const out = opts.out ?? join(CACHE_DIR, 'vsix', 'claude-multi-agent.vsix');
  mkdirSync(join(out, '..'), { recursive: true });
  // As `npm run package` does: every vsce check on (esbuild bundles the dependencies, hence --no-dependencies).
  const args = [VSCE_BIN, 'package', '--no-dependencies', '-o', out];
  if (!existsSync(join(REPO_ROOT, '.vscodeignore'))) {
    // Until the repository has its own .vscodeignore, keep src/, test/ and friends out of the VSIX.
    args.push('--ignoreFile', join(E2E_DIR, '.vscodeignore.fallback'));
  }
  const started = Date.now();
  // vsce runs on the root's Node (20); it calls `npm run vscode:prepublish` itself.
  await run('packaging the extension with vsce', process.execPath, args, {
    cwd: REPO_ROOT,
    timeoutMs: opts.timeoutMs ?? 180_000,
  });
  if (!existsSync(out) || statSync(out).mtimeMs < started - 1000) throw new Error(`vsce did not write ${out}`);
  return out;
}

/** `publisher.name` from the root package.json. */
export function extensionId(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${pkg.publisher}.${pkg.name}`;
}

/** Installs a VSIX into `extensionsDir` with code-server's CLI. */
export async function installExtension(vsix: string, extensionsDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(extensionsDir, { recursive: true });
  const { output } = await run(
    `installing ${vsix} into ${extensionsDir}`,
    NODE24,
    [CODE_SERVER_ENTRY, '--extensions-dir', extensionsDir, '--force', '--install-extension', vsix],
    { env, timeoutMs: 120_000 },
  );
  const id = extensionId();
  if (!/was successfully installed|is already installed/i.test(output)) {
    throw new Error(`code-server did not confirm installing ${id}:\n${output}`);
  }
}
