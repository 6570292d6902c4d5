// One end-to-end session: the packaged extension installed in a fresh profile, code-server on 127.0.0.1 and the
// workbench in Chromium. `launchWorkbench` for scripts, `useWorkbench` for mocha suites.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extensionId, installExtension, packageExtension, run } from './extension.js';
import {
  codeServerEnv,
  createProfile,
  removeProfile,
  startCodeServer,
  type CodeServer,
  type Profile,
} from './codeServer.js';
import { RECORD_WEBVIEW_MESSAGES_ENV } from '../../../src/shared/testHooks';
import { writeTestKeybindings } from './layout.js';
import { E2E_DIR, REPO_ROOT, RESULTS_DIR, VSCE_BIN } from './paths.js';
import { OWNER_TOKEN, stopAllProcesses, sweepOwned } from './processes.js';
import { startSimulatorProcess, type SimulatorProcess } from './simulator.js';
import { Workbench } from './workbench.js';

export interface LaunchOptions {
  /** Label for log files (default: 'session'). */
  name?: string;
  /** User settings on top of the quiet defaults, e.g. { 'claudeMultiAgent.baseUrl': sim.url }. */
  settings?: Record<string, unknown>;
  /** Folder copied as the workspace (default test/e2e/fixtures/sample-workspace). */
  workspaceFixture?: string;
  initGit?: boolean;
  /** Runs on the workspace copy before code-server starts (e.g. the demo's git history: demoRepo.ts). */
  prepareWorkspace?: (dir: string) => void;
  /** Environment for code-server and the extension host, e.g. { ANTHROPIC_API_KEY: 'test-key' }. */
  env?: Record<string, string | undefined>;
  /**
   * Start the API simulator: its URL goes into `claudeMultiAgent.baseUrl` and
   * CLAUDE_MULTI_AGENT_SIMULATED=1 into the environment. `true` or the simulator's options.
   */
  simulator?: boolean | { responder?: string | null; args?: string[] };
  /** More environment once the simulator's URL is known (e.g. a Vertex base URL and GCE_METADATA_HOST pointing at it). */
  simulatorEnv?: (simulatorUrl: string) => Record<string, string>;
  /** Install the extension under test (default true). */
  installExtensionUnderTest?: boolean;
  /** Further extension folders (packaged with vsce) or .vsix files to install, e.g. the harness probe. */
  extraExtensions?: string[];
  viewport?: { width: number; height: number };
  /** Open the workspace untrusted (restricted mode) instead of with trust disabled. */
  untrustedWorkspace?: boolean;
  /**
   * `useWorkbench` only: put the workbench back to its start layout before each test (default true; see
   * layout.ts). Off for a suite whose extension drives the window by itself while the test waits.
   */
  resetLayoutBeforeEach?: boolean;
}

export interface Session {
  workbench: Workbench;
  codeServer: CodeServer;
  profile: Profile;
  simulator?: SimulatorProcess;
  /** Stops the browser, code-server, the simulator and anything they started; removes the temp profile. Idempotent. */
  stopAll(): Promise<void>;
}

const packagedExtras = new Map<string, Promise<string>>();

/** Packages an extension folder (no build step) into test/e2e/.cache/vsix/, once per process. */
export function packageFolder(folder: string): Promise<string> {
  if (folder.endsWith('.vsix')) return Promise.resolve(folder);
  let p = packagedExtras.get(folder);
  if (!p) {
    const out = join(E2E_DIR, '.cache', 'vsix', `${folder.split('/').filter(Boolean).pop()}.vsix`);
    mkdirSync(join(out, '..'), { recursive: true });
    p = run(
      `packaging ${folder}`,
      process.execPath,
      [VSCE_BIN, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out],
      {
        cwd: folder,
        timeoutMs: 120_000,
      },
    ).then(() => out);
    packagedExtras.set(folder, p);
  }
  return p;
}

export async function launchWorkbench(opts: LaunchOptions = {}): Promise<Session> {
  const name = opts.name ?? 'session';
  const logDir = join(RESULTS_DIR, 'logs');
  mkdirSync(logDir, { recursive: true });
  let profile: Profile | undefined;
  let codeServer: CodeServer | undefined;
  let simulator: SimulatorProcess | undefined;
  let workbench: Workbench | undefined;
  let stopped = false;
  const stopAll = async () => {
    if (stopped) return;
    stopped = true;
    await workbench?.close();
    await codeServer?.stop();
    await simulator?.stop();
    await stopAllProcesses();
    sweepOwned();
    if (profile && !process.env.E2E_KEEP_PROFILE) removeProfile(profile);
  };
  const t0 = Date.now();
  const phase = (what: string) => {
    if (process.env.E2E_DEBUG) console.log(`      [e2e ${name}] ${what} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    const settings = { ...(opts.settings ?? {}) };
    // Webviews keep what they receive, for the tests to read (src/shared/testHooks.ts).
    const env: Record<string, string | undefined> = { [RECORD_WEBVIEW_MESSAGES_ENV]: '1', ...(opts.env ?? {}) };
    if (opts.simulator) {
      simulator = await startSimulatorProcess({
        ...(typeof opts.simulator === 'object' ? opts.simulator : {}),
        logFile: join(logDir, `${name}-simulator.log`),
      });
      settings['claudeMultiAgent.baseUrl'] ??= simulator.url;
      env.CLAUDE_MULTI_AGENT_SIMULATED ??= '1';
      Object.assign(env, opts.simulatorEnv?.(simulator.url));
    }
    if (opts.untrustedWorkspace) {
      settings['security.workspace.trust.enabled'] = true;
      settings['security.workspace.trust.startupPrompt'] = 'never';
      settings['security.workspace.trust.untrustedFiles'] = 'open';
    }
    profile = createProfile({ settings, workspaceFixture: opts.workspaceFixture, initGit: opts.initGit });
    opts.prepareWorkspace?.(profile.workspace);
    writeTestKeybindings(profile);
    const installEnv = codeServerEnv(profile);
    const vsixes = await Promise.all([
      ...(opts.installExtensionUnderTest === false ? [] : [packageExtension()]),
      ...(opts.extraExtensions ?? []).map(packageFolder),
    ]);
    phase('packaged');
    for (const vsix of vsixes) await installExtension(vsix, profile.extensionsDir, installEnv);
    phase('installed');
    codeServer = await startCodeServer({
      profile,
      env,
      workspaceTrust: opts.untrustedWorkspace === true,
      logFile: join(logDir, `${name}-code-server.log`),
    });
    phase(`code-server listening on ${codeServer.url}`);
    const folders = [
      ...(opts.installExtensionUnderTest === false ? [] : [REPO_ROOT]),
      ...(opts.extraExtensions ?? []).filter((f) => !f.endsWith('.vsix')),
    ];
    workbench = await Workbench.open(codeServer, profile, {
      viewport: opts.viewport,
      readyCommands: folders.map(firstPaletteCommand).filter((t): t is string => !!t),
    });
    phase('workbench ready');
    return { workbench, codeServer, profile, simulator, stopAll };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

/**
 * For a mocha `describe`: launches a session in `before`, puts the workbench back to its start layout before
 * each test (`resetLayoutBeforeEach`), screenshots failed tests in `afterEach`
 * (test-results/e2e/FAILED-<test title>.png) and stops everything in `after`.
 *
 *   const session = useWorkbench({ settings: { … } });
 *   it('…', async () => { await session().workbench.runCommand('…'); });
 */
export function useWorkbench(opts: LaunchOptions = {}): () => Session {
  let session: Session | undefined;
  before(async function () {
    this.timeout(600_000);
    session = await launchWorkbench({ name: safe(opts.name ?? this.test?.parent?.title ?? 'suite'), ...opts });
  });
  beforeEach(async function () {
    // Each test starts from the same layout, whatever the test before it left open (layout.ts).
    if (!session || opts.resetLayoutBeforeEach === false) return;
    const t0 = Date.now();
    await session.workbench.resetLayout();
    if (process.env.E2E_DEBUG) console.log(`      [e2e] start layout in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && session) {
      const shot = await session.workbench.failureScreenshot(this.currentTest.fullTitle()).catch(() => undefined);
      if (shot) console.log(`      screenshot of the failure: ${shot}`);
    }
  });
  after(async function () {
    this.timeout(60_000);
    await session?.stopAll();
  });
  return () => {
    if (!session) throw new Error('the e2e session did not start (see the "before all" hook error)');
    return session;
  };
}

/** 'Category: Title' of the first command an extension's manifest shows in the palette. */
export function firstPaletteCommand(extensionFolder: string): string | undefined {
  type Cmd = { command: string; title: string; category?: string };
  const pkg = JSON.parse(readFileSync(join(extensionFolder, 'package.json'), 'utf8')) as {
    contributes?: { commands?: Cmd[]; menus?: { commandPalette?: Array<{ command: string; when?: string }> } };
  };
  const hidden = new Set(
    (pkg.contributes?.menus?.commandPalette ?? []).filter((m) => m.when === 'false').map((m) => m.command),
  );
  const cmd = (pkg.contributes?.commands ?? []).find((c) => !hidden.has(c.command));
  return cmd ? (cmd.category ? `${cmd.category}: ${cmd.title}` : cmd.title) : undefined;
}

function safe(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60);
}

export { extensionId, OWNER_TOKEN };
