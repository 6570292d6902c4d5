// The editor's review driven as a user drives it, in plain Node: the real review controller and pipeline
// behind the recording vscode stand-in (test/support/vscodeStandIn.ts), the real SDK against the
// simulator with the demo responder, over a copy of the e2e sample workspace. What the user would see
// is read from the stand-in: Problems, comment threads, what each review panel was posted.
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import type { ReviewController } from '../../../src/extension/review/reviewController';
import type { Services } from '../../../src/extension/services';
import type { Logger } from '../../../src/core';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { MemoryMemento } from '../../support/memoryMemento';
import { startSimulator, type Simulator } from '../../support/simulator';
import { FakePanel, installFakeVscode, panels, standIn, Uri, type FakeWebview } from '../../bench/fakeVscode';

export { standIn, Uri };
export type Posted = FakeWebview['received'];

/** The extension's modules, loaded once the stand-in answers `require('vscode')`. */
async function extension() {
  installFakeVscode();
  const [{ ApiKeyStore }, { registerChat }, { ReviewController }] = await Promise.all([
    import('../../../src/extension/apiKeyStore'),
    import('../../../src/extension/chat/registerChat'),
    import('../../../src/extension/review/reviewController'),
  ]);
  return { ApiKeyStore, registerChat, ReviewController };
}
export const SAMPLE = join(__dirname, '../../e2e/fixtures/sample-workspace');
export const KEY = fakeKey('editor');

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} } as unknown as Logger;

/** A window on a copy of the sample workspace; `reload()` is a new window on the same workspace storage. */
export class EditorWindow {
  controller!: ReviewController;
  /** What the extension's commands are given (the sweep takes them, and the review feature beside). */
  services!: Services;
  private chat: { dispose(): void } | undefined;
  readonly workspaceState = new MemoryMemento();
  readonly globalState = new MemoryMemento();
  private readonly secrets = new Map<string, string>();

  private constructor(
    readonly root: string,
    readonly sim: Simulator,
  ) {}

  static async open(): Promise<EditorWindow> {
    const root = await fsp.mkdtemp(join(tmpdir(), 'cma-editor-'));
    await fsp.cp(SAMPLE, root, { recursive: true });
    const sim = await startSimulator({
      apiKey: KEY,
      responder: demoResponder,
      timeToFirstTokenMs: 5,
      tokensPerSecond: 0,
    });
    const window = new EditorWindow(root, sim);
    window.secrets.set('claudeMultiAgent.apiKey', KEY);
    await window.start();
    return window;
  }

  private async start(): Promise<void> {
    const { ApiKeyStore, registerChat, ReviewController } = await extension();
    standIn.reset();
    standIn.pagesSayReady = true;
    standIn.workspaceFolders = [{ uri: Uri.file(this.root), name: 'sample', index: 0 }];
    standIn.settings.set('claudeMultiAgent.baseUrl', this.sim.url);
    const secrets = this.secrets;
    const context = {
      workspaceState: this.workspaceState,
      globalState: this.globalState,
      extensionUri: Uri.file('/ext'),
      subscriptions: [],
      secrets: {
        get: (k: string) => Promise.resolve(secrets.get(k)),
        store: (k: string, v: string) => Promise.resolve(void secrets.set(k, v)),
        delete: (k: string) => Promise.resolve(void secrets.delete(k)),
        onDidChange: () => ({ dispose() {} }),
      },
    } as unknown as vscode.ExtensionContext;
    const services: Services = { context, keys: new ApiKeyStore(context.secrets), logger: quietLogger };
    this.services = services;
    this.controller = new ReviewController(services);
    this.chat = registerChat(services);
  }

  /**
   * The window reloads: every view is gone; workspace storage, files and secrets stay. Review panels
   * that were open come back as VS Code brings them back: the tab with the state its page saved (the
   * page keeps its review's id), handed to the extension's serializer.
   */
  async reload(): Promise<void> {
    const reopened = panels
      .filter((p) => !p.disposed)
      .map((p) => ({
        title: p.title,
        state: { reviewId: this.lastPosted<{ type: string; reviewId: string }>(p, 'review/init')?.reviewId },
      }));
    this.controller.dispose();
    this.chat?.dispose();
    await new Promise((r) => setImmediate(r));
    await this.start();
    for (const { title, state } of reopened) {
      const panel = new FakePanel(title);
      panels.push(panel);
      this.controller.restorePanel(panel as unknown as vscode.WebviewPanel, state);
      panel.webview.fromPage({ type: 'ready' });
    }
    // Whatever the extension restores on its own happens without a command.
    await new Promise((r) => setTimeout(r, 20));
  }

  uri(file: string): Uri {
    return Uri.file(join(this.root, file));
  }

  /** Right-click → "Multi-expert review" on a file; resolves when the review has finished. */
  review(file: string): Promise<unknown> {
    return this.controller.run('claudeMultiAgent.review', [this.uri(file)]);
  }

  run(command: Parameters<ReviewController['run']>[0], ...args: unknown[]): Promise<unknown> {
    return this.controller.run(command, args);
  }

  /** Problems entries of our source for one file, as "line: message first line". */
  problems(file: string): string[] {
    return standIn
      .problemsOf(this.uri(file))
      .map((d) => `${d.range.start.line + 1}: ${d.message.split('\n')[0]}`)
      .sort();
  }

  threads(file: string) {
    return standIn.threadsOf(this.uri(file));
  }

  /** The newest open review panel. */
  panel(): FakePanel {
    const open = panels.filter((p) => !p.disposed);
    assert.ok(open.length, 'a review panel is open');
    return open.at(-1)!;
  }

  /** The last message of a type a panel's page received. */
  lastPosted<T extends { type: string }>(panel: FakePanel, type: string): T | undefined {
    return panel.webview.received.filter((m) => m.type === type).at(-1) as T | undefined;
  }

  /** Messages posted since the panel's last `review/init` (the webview starts over on each init). */
  sinceInit(panel: FakePanel): Posted {
    const received = panel.webview.received;
    return received.slice(received.map((m) => m.type).lastIndexOf('review/init'));
  }

  async close(): Promise<void> {
    this.controller.dispose();
    this.chat?.dispose();
    await this.sim.close();
    await fsp.rm(this.root, { recursive: true, force: true });
    standIn.reset();
  }
}
