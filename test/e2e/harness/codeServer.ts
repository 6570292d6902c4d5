// A throwaway VS Code profile (user data, extensions, workspace copy) and a code-server serving it on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CODE_SERVER_ENTRY, NODE24, SAMPLE_WORKSPACE, assertSetupDone } from './paths.js';
import { ManagedProcess, freePort, onExitCleanup, sleep } from './processes.js';

/** Settings that keep the workbench quiet and deterministic; a test's own settings are applied on top. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.settings.enableNaturalLanguageSearch': false,
  'workbench.editor.enablePreview': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'extensions.autoCheckUpdates': false,
  // "off", not false: VS Code migrates false to "off" by rewriting settings.json from its own copy soon after
  // start, which could undo a test's write to the file made in that moment.
  'extensions.autoUpdate': 'off',
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'git.autofetch': false,
  'npm.fetchOnlinePackageInfo': false,
  'json.schemaDownload.enable': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'typescript.surveys.enabled': false,
  'terminal.integrated.enablePersistentSessions': false,
  'editor.minimap.enabled': false,
  // Sticky scroll lays the enclosing lines over the top of a scrolled editor, where a click meant for the text lands.
  'editor.stickyScroll.enabled': false,
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.parameterHints.enabled': false,
  'files.simpleDialog.enable': true,
  'window.dialogStyle': 'custom',
};

export interface ProfileOptions {
  /** Merged over QUIET_SETTINGS into User/settings.json. */
  settings?: Record<string, unknown>;
  /** Folder copied as the workspace (default: test/e2e/fixtures/sample-workspace). */
  workspaceFixture?: string;
  /** `git init` + one commit in the copied workspace (for "uncommitted changes" flows). */
  initGit?: boolean;
  /** Base folder; default a new temp dir. Kept folders (e.g. `.dev/`) are reused: only settings are rewritten. */
  root?: string;
}

export interface Profile {
  root: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  /** XDG_CONFIG_HOME / XDG_DATA_HOME / XDG_CACHE_HOME for code-server, so ~/.config/code-server is not touched. */
  xdgDir: string;
  temporary: boolean;
}

export function createProfile(opts: ProfileOptions = {}): Profile {
  const temporary = !opts.root;
  const root = opts.root ?? mkdtempSync(join(tmpdir(), 'cma-e2e-'));
  if (temporary && !process.env.E2E_KEEP_PROFILE) {
    onExitCleanup(() => rmSync(root, { recursive: true, force: true }));
  }
  const fixture = opts.workspaceFixture ?? SAMPLE_WORKSPACE;
  if (!existsSync(fixture)) throw new Error(`workspace fixture ${fixture} does not exist`);
  const profile: Profile = {
    root,
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    workspace: join(root, 'workspace', basename(fixture)),
    xdgDir: join(root, 'xdg'),
    temporary,
  };
  for (const d of [profile.userDataDir, profile.extensionsDir, profile.xdgDir]) mkdirSync(d, { recursive: true });
  // A kept profile (e.g. .dev/) keeps its settings unless the caller passes some.
  if (temporary || opts.settings || !existsSync(join(profile.userDataDir, 'User', 'settings.json'))) {
    writeSettings(profile, opts.settings ?? {});
  }
  if (!existsSync(profile.workspace)) {
    cpSync(fixture, profile.workspace, { recursive: true });
    if (opts.initGit) initGitRepo(profile.workspace);
  }
  return profile;
}

export function writeSettings(profile: Profile, settings: Record<string, unknown>): void {
  const dir = join(profile.userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
}

function initGitRepo(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      stdio: 'pipe',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'e2e',
        GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
        GIT_COMMITTER_NAME: 'e2e',
        GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
      },
    });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
}

export function removeProfile(profile: Profile): void {
  if (profile.temporary) rmSync(profile.root, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * The environment code-server (and so the extension host) gets: ours, less variables that would make it talk to
 * another VS Code (VSCODE_IPC_HOOK_CLI…) or pick another port ($PORT), plus the test's own `env`.
 */
export function codeServerEnv(profile: Profile, env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (
      /^(VSCODE_|ELECTRON_|npm_|CODE_SERVER_)/i.test(k) ||
      ['PORT', 'PASSWORD', 'HASHED_PASSWORD', 'GITHUB_TOKEN'].includes(k)
    )
      continue;
    out[k] = v;
  }
  Object.assign(out, {
    XDG_CONFIG_HOME: join(profile.xdgDir, 'config'),
    XDG_DATA_HOME: join(profile.xdgDir, 'data'),
    XDG_CACHE_HOME: join(profile.xdgDir, 'cache'),
    // No extension gallery: code-server would otherwise query open-vsx.org (unreachable here, and not wanted).
    EXTENSIONS_GALLERY: '{}',
  });
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface CodeServerOptions {
  profile: Profile;
  /** Extra environment for code-server and the extension host (undefined removes a variable). */
  env?: Record<string, string | undefined>;
  /** Default: a free port. */
  port?: number;
  logFile?: string;
  echo?: boolean;
  timeoutMs?: number;
  /** Keep VS Code's workspace trust on, so the folder opens in restricted mode (untrusted). */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  proc: ManagedProcess;
  port: number;
  url: string;
  /** URL that opens the profile's workspace folder. */
  folderUrl: string;
  stop(): Promise<void>;
}

export async function startCodeServer(opts: CodeServerOptions): Promise<CodeServer> {
  assertSetupDone();
  const { profile } = opts;
  const timeoutMs = opts.timeoutMs ?? 90_000;
  for (let attempt = 1; ; attempt++) {
    const port = opts.port ?? (await freePort());
    const configFile = join(profile.root, 'code-server.yaml');
    writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
    const proc = new ManagedProcess(
      'code-server',
      NODE24,
      [
        CODE_SERVER_ENTRY,
        '--config',
        configFile,
        '--bind-addr',
        `127.0.0.1:${port}`,
        '--auth',
        'none',
        '--disable-telemetry',
        '--disable-update-check',
        ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
        '--disable-getting-started-override',
        '--disable-proxy',
        '--ignore-last-opened',
        '--user-data-dir',
        profile.userDataDir,
        '--extensions-dir',
        profile.extensionsDir,
        profile.workspace,
      ],
      { env: codeServerEnv(profile, opts.env), cwd: profile.root, logFile: opts.logFile, echo: opts.echo },
    );
    try {
      await proc.waitForOutput(
        /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/?)/,
        timeoutMs,
        'code-server to print "HTTP server listening"',
      );
    } catch (err) {
      await proc.stop();
      if (attempt < 3 && !opts.port && /EADDRINUSE/.test(proc.output())) continue;
      throw err;
    }
    const url = `http://127.0.0.1:${port}/`;
    const deadline = Date.now() + 15_000;
    for (;;) {
      const ok = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline || !proc.running) {
        await proc.stop();
        throw new Error(`code-server printed "listening" but ${url}healthz does not answer\n${proc.tail()}`);
      }
      await sleep(200);
    }
    return {
      proc,
      port,
      url,
      folderUrl: `${url}?folder=${encodeURIComponent(profile.workspace)}`,
      stop: () => proc.stop(),
    };
  }
}
