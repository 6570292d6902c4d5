// The editor's review driven as a user drives it, in plain Node: the real review controller and pipeline
// behind the recording vscode stand-in (test/support/vscodeStandIn.ts), the real SDK against the
// simulator with the demo responder, over a copy of the e2e sample workspace. What the user would see
// is read from the stand-in: Problems, comment threads, what each review panel was posted.
import { standIn, Uri, type RecordedPanel } from '../../support/vscodeStandIn';
import assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as vscode from 'vscode';
import { ApiKeyStore } from '../../../src/extension/apiKeyStore';
import { registerChat } from '../../../src/extension/chat/registerChat';
import { ReviewController } from '../../../src/extension/review/reviewController';
import type { Services } from '../../../src/extension/services';
import type { Logger } from '../../../src/core';
import { demoResponder } from '../../support/demoResponder';
import { fakeKey } from '../../support/fakeKeys';
import { MemoryMemento } from '../../support/memoryMemento';
import { startSimulator, type Simulator } from '../../support/simulator';

export { standIn, Uri };
export const SAMPLE = join(__dirname, '../../e2e/fixtures/sample-workspace');
export const KEY = fakeKey('editor');

const quietLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} } as unknown as Logger;

/** A window on a copy of the sample workspace; `reload()` is a new window on the same workspace storage. */
export class EditorWindow {
  controller!: ReviewController;
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
    window.start();
    return window;
  }

  private start(): void {
    standIn.reset();
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
    this.controller = new ReviewController(services);
    this.chat = registerChat(services);
  }

  /** The window reloads: every view is gone; workspace storage, files and secrets stay. */
  async reload(): Promise<void> {
    this.controller.dispose();
    this.chat?.dispose();
    await new Promise((r) => setImmediate(r));
    this.start();
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

  /** The panel showing a review of `file` (the newest open one). */
  panel(): RecordedPanel {
    const open = standIn.panels.filter((p) => !p.disposed);
    assert.ok(open.length, 'a review panel is open');
    return open.at(-1)!;
  }

  /** The last message of a type a panel was posted since it last (re)started a review. */
  lastPosted<T extends { type: string }>(panel: RecordedPanel, type: string): T | undefined {
    return panel.posted.filter((m) => m.type === type).at(-1) as T | undefined;
  }

  /** Messages posted since the panel's last `review/init` (the webview starts over on each init). */
  sinceInit(panel: RecordedPanel): RecordedPanel['posted'] {
    const at = panel.posted.map((m) => m.type).lastIndexOf('review/init');
    return panel.posted.slice(at);
  }

  async close(): Promise<void> {
    this.controller.dispose();
    this.chat?.dispose();
    await this.sim.close();
    await fsp.rm(this.root, { recursive: true, force: true });
    standIn.reset();
  }
}
