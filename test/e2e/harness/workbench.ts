// The web workbench in Debian Chromium, driven through the UI as a person would, with bounded waits.
//
// Every helper runs as a named step: when it fails or times out, a screenshot is saved as
// test-results/e2e/FAILED-<step>.png and the error says what was being awaited and where the screenshot is.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules, which exists only after test/e2e/setup.sh; the root
// typecheck runs before that, and then sees these imports as `any`.
import { chromium } from 'playwright-core';
// @ts-ignore -- as above
import type { BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { RECORDED_HOST_MESSAGES } from '../../../src/shared/testHooks';
import type { CodeServer, Profile } from './codeServer.js';
import { FOCUS_EDITOR_KEY, resetLayout, SHOW_NOTIFICATIONS_KEY } from './layout.js';
import { CHROMIUM, RESULTS_DIR } from './paths.js';
import { OWNER_ENV, OWNER_TOKEN, TimeoutError, sleep } from './processes.js';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-quic',
  '--disable-features=Translate,MediaRouter,OptimizationHints',
];

export interface Problem {
  /** File name as shown (e.g. `orders.ts`). */
  file: string;
  /** Folder shown next to the file name (relative to the workspace; '' at its root). */
  folder: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** 1-based, as the panel shows it. */
  line: number;
  column: number;
  /** e.g. `ts`, `Claude Multi-Agent`; '' when the diagnostic has none. */
  source: string;
  code: string;
}

export interface NotificationInfo {
  message: string;
  source: string;
  severity: 'error' | 'warning' | 'info' | 'unknown';
  buttons: string[];
}

export interface WebviewInfo {
  /** `<title>` of the webview's HTML document. */
  title: string;
  /** `extensionId` of the extension that owns it (from the host iframe's URL). */
  extensionId: string;
  /** Text of the webview body (first 2000 characters). */
  text: string;
}

export type WebviewQuery = string | RegExp | ((frame: Frame, info: WebviewInfo) => boolean | Promise<boolean>);

export interface OutputReadOptions {
  /** Wait until the channel contains this (default: return at once, '' when the channel has no file yet). */
  contains?: string | RegExp;
  timeoutMs?: number;
  /** Only what the current extension host wrote (after a reload the channel starts a new file; '' until it does). */
  latestOnly?: boolean;
}

export class Workbench {
  /** Step names already used for failure screenshots, to keep their file names unique. */
  private shots = new Map<string, number>();
  private closed = false;

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly codeServer: CodeServer,
    readonly profile: Profile,
    /** Palette titles whose presence shows the installed extensions are registered (see waitForWorkbench). */
    readonly readyCommands: string[] = [],
  ) {}

  static async open(
    codeServer: CodeServer,
    profile: Profile,
    opts: { viewport?: { width: number; height: number }; readyCommands?: string[] } = {},
  ) {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const context: BrowserContext = await chromium.launchPersistentContext(join(profile.root, 'chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: opts.viewport ?? { width: 1400, height: 900 },
      // Own XDG folders: Chromium otherwise writes crash reports under ~/.config/chromium.
      env: {
        ...process.env,
        [OWNER_ENV]: OWNER_TOKEN,
        XDG_CONFIG_HOME: join(profile.xdgDir, 'chromium-config'),
        XDG_CACHE_HOME: join(profile.xdgDir, 'chromium-cache'),
      },
      timeout: 60_000,
      // The harness's own exit hooks stop the browser.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page: Page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.setDefaultNavigationTimeout(60_000);
    const wb = new Workbench(context, page, codeServer, profile, opts.readyCommands ?? []);
    await wb.step('the workbench to load', 120_000, async () => {
      await page.goto(codeServer.folderUrl, { waitUntil: 'domcontentloaded' });
      await wb.waitForWorkbench();
    });
    return wb;
  }

  // ------------------------------------------------------------------ basics

  /** Runs `fn` as a named, time-bounded step; on failure saves a screenshot and rethrows with context. */
  async step<T>(what: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new TimeoutError(what, timeoutMs)), timeoutMs);
        }),
      ]);
    } catch (err) {
      const shot = await this.failureScreenshot(what);
      const msg = err instanceof Error ? err.message : String(err);
      const wrapped = new Error(
        `${what}: ${msg.startsWith('Timed out') ? '' : 'failed: '}${msg}${shot ? `\nscreenshot: ${shot}` : ''}`,
      );
      wrapped.stack = `${wrapped.message}\n${err instanceof Error ? (err.stack ?? '').split('\n').slice(1).join('\n') : ''}`;
      throw wrapped;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Saves `test-results/e2e/<name>.png` and returns its path. */
  async screenshot(name: string): Promise<string> {
    const file = join(RESULTS_DIR, `${safeName(name)}.png`);
    mkdirSync(dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  }

  async failureScreenshot(what: string): Promise<string | undefined> {
    if (this.closed) return undefined;
    const base = `FAILED-${safeName(what).slice(0, 80)}`;
    const n = (this.shots.get(base) ?? 0) + 1;
    this.shots.set(base, n);
    try {
      return await this.screenshot(n > 1 ? `${base}-${n}` : base);
    } catch {
      return undefined;
    }
  }

  /** Waits until the workbench shows the workspace and the extension host has finished activating. */
  async waitForWorkbench(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const left = () => Math.max(1000, deadline - Date.now());
    const folder = basename(this.profile.workspace);
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: left() });
    await this.page.waitForFunction((f: string) => document.title.includes(f), folder, { timeout: left() });
    // "Activating Extensions..." appears in the status bar while the extension host starts. (It can also come
    // after this check: what proves the extensions registered is their palette entries, awaited below.)
    await this.page.waitForFunction(
      () => !/Activating Extensions/i.test(document.querySelector('.part.statusbar')?.textContent ?? ''),
      undefined,
      { timeout: left(), polling: 250 },
    );
    // The workbench renders before the remote extension host has registered the installed extensions; until
    // then their commands are missing from the palette. Wait for one command of each.
    for (const title of this.readyCommands) await this.waitForCommand(title, left());
  }

  /** Waits until the command palette lists `title` (re-querying: an open palette does not refresh). */
  async waitForCommand(title: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let rows: string[] = [];
    for (;;) {
      await this.openPalette('>');
      await this.quickInputBox.fill(`>${title}`);
      rows = await this.stableRows(2000, (r) => r.some((l) => l === title || l.startsWith(`${title}, `)));
      await this.closeQuickInput();
      if (rows.some((l) => l === title || l.startsWith(`${title}, `))) return;
      if (Date.now() > deadline) {
        throw new TimeoutError(
          `the command palette to list "${title}" (extension registered)`,
          timeoutMs,
          `listed: ${rows.join(' | ')}`,
        );
      }
      await sleep(500);
    }
  }

  /** Back to the start layout: one empty editor group, the Explorer, no panel, notification or dialog (layout.ts). */
  async resetLayout(timeoutMs?: number): Promise<void> {
    await resetLayout(this, timeoutMs);
  }

  /** Presses keys (Playwright names: 'Escape', 'Control+Shift+P', …) on the page. */
  async press(...keys: string[]): Promise<void> {
    for (const k of keys) await this.page.keyboard.press(k);
  }

  // ------------------------------------------------------------------ quick input (palette, quick open, input boxes)

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Rows currently listed in the quick input (their labels; virtualised: only what fits is rendered). */
  async quickInputRows(): Promise<string[]> {
    return this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .evaluateAll((els: Element[]) => els.map((e) => e.getAttribute('aria-label') ?? (e as HTMLElement).innerText));
  }

  /** Waits for the quick input to be open (e.g. after a command called showInputBox) and returns its state. */
  async waitForQuickInput(
    timeoutMs = 15_000,
  ): Promise<{ value: string; placeholder: string; message: string; title: string }> {
    return this.step('an input box / quick pick to open', timeoutMs, async () => {
      await this.quickInput.waitFor({ state: 'visible', timeout: timeoutMs });
      return this.quickInput.evaluate((w: Element) => {
        const input = w.querySelector('.quick-input-box input') as HTMLInputElement | null;
        return {
          value: input?.value ?? '',
          placeholder: input?.getAttribute('placeholder') ?? '',
          message: (w.querySelector('.quick-input-message') as HTMLElement | null)?.innerText ?? '',
          title: (w.querySelector('.quick-input-title') as HTMLElement | null)?.innerText ?? '',
        };
      });
    });
  }

  async closeQuickInput(): Promise<void> {
    // A quick pick opened from another can take two Escapes (the second closes the first).
    for (let i = 0; i < 3 && (await this.quickInput.isVisible()); i++) {
      await this.page.keyboard.press('Escape');
      await this.quickInput.waitFor({ state: 'hidden', timeout: 2000 }).catch(() => undefined);
    }
  }

  private async openPalette(prefix: '>' | ''): Promise<void> {
    await this.closeQuickInput();
    // F1 opens the command palette in code-server under Chromium; Ctrl+Shift+P works too. Ctrl+P is quick open.
    const attempts = prefix === '>' ? ['F1', 'Control+Shift+P'] : ['Control+P'];
    for (const key of attempts) {
      await this.page.keyboard.press(key);
      try {
        await this.quickInputBox.waitFor({ state: 'visible', timeout: 5000 });
        const value = await this.quickInputBox.inputValue();
        if (prefix === '>' ? value.startsWith('>') : !value.startsWith('>')) return;
      } catch {
        /* try the next key */
      }
      await this.closeQuickInput();
    }
    throw new Error(`the ${prefix ? 'command palette' : 'quick open'} did not open (tried ${attempts.join(', ')})`);
  }

  /** Waits until the quick input's rows stop changing; returns them. */
  private async stableRows(timeoutMs: number, until?: (rows: string[]) => boolean): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    let rows: string[] = [];
    let stableSince = Date.now();
    for (;;) {
      rows = await this.quickInputRows();
      const key = rows.join('\n');
      if (key !== last) {
        last = key;
        stableSince = Date.now();
      }
      if (until ? until(rows) : rows.length > 0 && Date.now() - stableSince > 400) return rows;
      if (Date.now() > deadline) return rows;
      await sleep(100);
    }
  }

  /** Labels the command palette lists for `query` (e.g. 'Claude Multi-Agent'). Closes the palette. */
  async commandPaletteEntries(query: string, timeoutMs = 20_000): Promise<string[]> {
    return this.step(`the command palette to list commands for "${query}"`, timeoutMs, async () => {
      await this.openPalette('>');
      await this.quickInputBox.fill(`>${query}`);
      const rows = await this.stableRows(timeoutMs - 2000);
      await this.closeQuickInput();
      return rows;
    });
  }

  /** Runs a command by its palette title ('Category: Title'), picking the row with exactly that label. */
  async runCommand(title: string, timeoutMs = 20_000): Promise<void> {
    await this.step(`running command "${title}" from the palette`, timeoutMs, async () => {
      await this.openPalette('>');
      await this.quickInputBox.fill(`>${title}`);
      const matches = (label: string) => label === title || label.startsWith(`${title}, `);
      // The palette lets go (hides, or gives its widget to the quick input the command opens): a step after
      // this one (waitForQuickInput, typeInQuickInput) must not see the palette itself.
      const letGo = (timeout: number) =>
        this.page
          .waitForFunction(
            (typed: string) => {
              const widget = document.querySelector('.quick-input-widget') as HTMLElement | null;
              const input = widget?.querySelector('.quick-input-box input') as HTMLInputElement | null;
              return !widget?.checkVisibility() || input?.value !== typed;
            },
            `>${title}`,
            { timeout, polling: 50 },
          )
          .then(
            () => true,
            () => false,
          );
      // A click on a row can be lost when the list re-renders under the pointer (its "recently used" entry
      // is re-sorted after the first run): seen in a full run with the palette left open on the right row.
      // Documented racy action, so it is retried, each time only while the palette still shows what we typed
      // and after reading its rows again.
      for (let attempt = 1; ; attempt++) {
        const rows = await this.stableRows(timeoutMs - 3000, (r) => r.some(matches));
        const index = rows.findIndex(matches);
        if (index < 0) {
          throw new Error(
            `no palette entry "${title}"; listed: ${rows.length ? rows.map((r) => `"${r}"`).join(', ') : '(nothing)'}`,
          );
        }
        await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(index).click();
        if (await letGo(attempt < 3 ? 3000 : 10_000)) return;
        if (attempt >= 3) throw new Error(`the palette kept "${title}" after ${attempt} clicks on its row`);
      }
    });
  }

  /** Types into the open input box / quick pick and optionally presses Enter. */
  async typeInQuickInput(text: string, opts: { submit?: boolean } = {}): Promise<void> {
    await this.step(`typing into the input box`, 15_000, async () => {
      await this.quickInputBox.waitFor({ state: 'visible' });
      await this.quickInputBox.fill(text);
      if (opts.submit) await this.quickInputBox.press('Enter');
    });
  }

  // ------------------------------------------------------------------ editors

  /** Opens a workspace file through quick open (Ctrl+P) and waits for its editor to be active. */
  async openFile(relPath: string, timeoutMs = 30_000): Promise<void> {
    const rel = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
    const name = posix.basename(rel);
    const folder = posix.dirname(rel) === '.' ? '' : posix.dirname(rel);
    await this.step(`opening ${rel} with quick open`, timeoutMs, async () => {
      // Already open in a tab: click the tab, as a person would (quick open races its list of recent files).
      const tab = this.page
        .locator(`.editor-group-container.active .tabs-container .tab[aria-label^="${cssString(name)}"]`)
        .first();
      if ((await tab.count()) > 0) {
        await tab.click();
        await this.waitForEditor(name, 15_000);
        return;
      }
      await this.openPalette('');
      await this.quickInputBox.fill(rel);
      // Quick open rows read "<name> <folder>, file results" (no folder for files at the root).
      const matches = (label: string) => {
        const head = label.replace(/, file results$/, '').replace(/, recently opened$/, '');
        return head === (folder ? `${name} ${folder}` : name);
      };
      // The list can still change after the file first shows up (recently opened entries are merged with the
      // file search's results): wait for it to settle, and read it again if the row moved before the click.
      for (let attempt = 1; ; attempt++) {
        await this.stableRows(timeoutMs - 5000, (r) => r.some(matches));
        const rows = await this.stableRows(2000);
        const index = rows.findIndex(matches);
        if (index < 0) {
          if (attempt < 3) continue;
          throw new Error(
            `quick open did not list ${rel}; listed: ${rows.map((r) => `"${r}"`).join(', ') || '(nothing)'}`,
          );
        }
        try {
          // Rows are clicked, and reached with the arrow keys when the click misses a row that just moved.
          if (attempt < 3)
            await this.page
              .locator('.quick-input-widget .quick-input-list .monaco-list-row')
              .nth(index)
              .click({ timeout: 3000 });
          else {
            for (let i = 0; i < index; i++) await this.quickInputBox.press('ArrowDown');
            await this.quickInputBox.press('Enter');
          }
          break;
        } catch (err) {
          if (attempt >= 3) throw err;
        }
      }
      await this.waitForEditor(name, 15_000);
    });
  }

  /**
   * Waits until the active group's active tab is `tabName` (if given) and its text editor is laid out, with
   * its text area (on `line`, if given) on top where a person would click; returns that point. Measured in
   * one evaluation in the page: Monaco re-renders its lines and overlays at any time (decorations, semantic
   * highlighting), so an element found in one call may be gone by the next.
   */
  async waitForEditor(tabName?: string, timeoutMs = 15_000, line?: number): Promise<{ x: number; y: number }> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const at = (await this.page.evaluate(`(${EDITOR_POINT})(${JSON.stringify({ tabName, line })})`)) as
        { x: number; y: number } | { wait: string };
      if ('x' in at) return at;
      last = at.wait;
      if (Date.now() > deadline)
        throw new TimeoutError(`the editor${tabName ? ` of ${tabName}` : ''}`, timeoutMs, last);
      await sleep(100);
    }
  }

  /** The text area of the active editor group's editor. */
  get activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .editor-instance .monaco-editor .view-lines').first();
  }

  /** Visible text of the active editor (Monaco renders only the lines in view). */
  async visibleEditorText(): Promise<string> {
    return this.activeEditor.evaluate((el: Element) =>
      [...el.querySelectorAll('.view-line')]
        .map((l) => ({ top: parseFloat((l as HTMLElement).style.top || '0'), text: (l as HTMLElement).innerText }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }

  /**
   * Gives the active group's text editor the keyboard focus, from the keyboard, not a click: comment threads
   * can appear over its text as it opens, and a click meant for the text would land in one.
   */
  async focusEditor(): Promise<void> {
    await this.waitForEditor(undefined, 10_000);
    // Right after a window reload the key can arrive while a webview still holds the focus and be lost (seen
    // once in a full run): a documented racy action, pressed again only while the editor still lacks focus.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press(FOCUS_EDITOR_KEY);
      const focused = await this.page
        .waitForFunction(`(${EDITOR_POINT})({ focused: true }).x !== undefined`, undefined, {
          timeout: attempt < 3 ? 3000 : 10_000,
          polling: 50,
        })
        .then(
          () => true,
          () => false,
        );
      if (focused) return;
      if (attempt >= 3) throw new Error('the editor did not take the focus after three presses of its focus key');
    }
  }

  /** Moves the cursor to `line` (1-based) of the active editor with Go to Line (Ctrl+G). */
  async goToLine(line: number): Promise<void> {
    await this.step(`going to line ${line}`, 20_000, async () => {
      await this.focusEditor();
      await this.page.keyboard.press('Control+G');
      await this.quickInputBox.waitFor({ state: 'visible' });
      await this.quickInputBox.fill(`:${line}`);
      await this.quickInputBox.press('Enter');
      await this.quickInput.waitFor({ state: 'hidden' });
      // The status bar shows where the cursor went.
      await this.page
        .locator('[id="status.editor.selection"]', { hasText: new RegExp(`Ln ${line},`) })
        .waitFor({ timeout: 10_000 });
    });
  }

  /** Labels of the context menu that is open (separators left out). */
  async contextMenuItems(): Promise<string[]> {
    // Menus live in a shadow root; Playwright's CSS locators pierce open shadow roots.
    const labels = await this.page
      .locator('.context-view .monaco-menu .action-item .action-label')
      .evaluateAll((els: Element[]) => els.map((e) => (e as HTMLElement).innerText.trim()));
    return labels.filter(Boolean);
  }

  /** Right-clicks the active editor (on `line` if given) and chooses `label` from its context menu. */
  async rightClickEditorAndChoose(label: string, opts: { line?: number; timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    await this.step(`choosing "${label}" from the editor context menu`, timeoutMs, async () => {
      if (opts.line) await this.goToLine(opts.line);
      // The point is measured and clicked at once (see waitForEditor), not found and then measured.
      const at = await this.waitForEditor(undefined, 10_000, opts.line);
      await this.page.mouse.click(at.x, at.y, { button: 'right' });
      const item = this.page.locator('.context-view .monaco-menu .action-item .action-label', { hasText: label });
      try {
        await this.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'visible', timeout: 5000 });
      } catch {
        throw new Error('no context menu opened on right-click');
      }
      const all = await this.contextMenuItems();
      const index = all.findIndex((l) => l === label || l.split('\n')[0]!.trim() === label);
      if (index < 0) {
        await this.page.keyboard.press('Escape');
        throw new Error(
          `the editor context menu has no "${label}"; it lists: ${all.map((l) => `"${l.split('\n')[0]}"`).join(', ')}`,
        );
      }
      const exact = item.filter({ hasText: new RegExp(`^${escapeRegExp(label)}`) }).first();
      await exact.hover();
      await exact.click();
      await this.page.locator('.context-view .monaco-menu').first().waitFor({ state: 'hidden' });
    });
  }

  // ------------------------------------------------------------------ webviews

  /** Describes every live webview: its document title, owning extension and text. */
  async webviews(): Promise<Array<{ frame: Frame; info: WebviewInfo }>> {
    const out: Array<{ frame: Frame; info: WebviewInfo }> = [];
    for (const frame of this.page.frames() as Frame[]) {
      const host = frame.parentFrame();
      // A webview is two nested iframes: the host (…/webview/browser/pre/index.html?id=…&extensionId=…) and,
      // inside it, the content frame (…/pre/fake.html, named "pending-frame" then "active-frame").
      if (!host || frame.isDetached() || !/\/webview\/browser\/pre\/index\.html/.test(host.url())) continue;
      if (!/\/pre\/fake\.html/.test(frame.url())) continue;
      try {
        const { title, text } = await frame.evaluate(() => ({
          title: document.title,
          text: (document.body?.innerText ?? '').slice(0, 2000),
        }));
        const extensionId = new URL(host.url()).searchParams.get('extensionId') ?? '';
        out.push({ frame, info: { title, extensionId, text } });
      } catch {
        /* frame navigated or detached meanwhile */
      }
    }
    return out;
  }

  /**
   * The content frame of a webview, found by its document `<title>` (a string matches when the title contains
   * it), a RegExp on the title, or a predicate. Waits until it exists and its body has rendered.
   */
  async webviewFrame(query: WebviewQuery, timeoutMs = 30_000): Promise<Frame> {
    const describe = typeof query === 'function' ? 'matching the predicate' : `titled ${String(query)}`;
    return this.step(`a webview ${describe}`, timeoutMs, async () => {
      const deadline = Date.now() + timeoutMs - 1000;
      let seen: WebviewInfo[] = [];
      for (;;) {
        const views = await this.webviews();
        seen = views.map((v) => v.info);
        for (const { frame, info } of views) {
          const ok =
            typeof query === 'string'
              ? info.title.includes(query)
              : query instanceof RegExp
                ? query.test(info.title)
                : await query(frame, info);
          if (
            ok &&
            (await frame.evaluate(() => document.readyState === 'complete' && !!document.body).catch(() => false))
          ) {
            return frame;
          }
        }
        if (Date.now() > deadline) {
          throw new Error(
            `not found; live webviews: ${seen.length ? seen.map((s) => `"${s.title}" (${s.extensionId})`).join(', ') : 'none'}`,
          );
        }
        await sleep(250);
      }
    });
  }

  /**
   * Every message a webview received from its extension, in order, from its first one on (the test hook of
   * src/webview/lib/hostMessages.ts, which the harness switches on for every session).
   */
  async webviewMessages<M = { type: string }>(frame: Frame): Promise<M[]> {
    const recorded = (await frame.evaluate(
      (name: string) => (window as unknown as Record<string, unknown>)[name] ?? null,
      RECORDED_HOST_MESSAGES,
    )) as M[] | null;
    if (!recorded) throw new Error('this webview records no messages (is its body missing data-record-host-messages?)');
    return recorded;
  }

  // ------------------------------------------------------------------ problems

  /**
   * Opens the Problems panel (Ctrl+Shift+M) and reads its entries, scrolling through the virtualised tree.
   * `minCount` waits until at least that many problems are listed; `until` until the list satisfies it (the
   * panel follows diagnostics with a delay: a test waits for the state it expects, then asserts on it).
   */
  async problems(
    opts: { minCount?: number; until?: (problems: Problem[]) => boolean; timeoutMs?: number } = {},
  ): Promise<Problem[]> {
    const timeoutMs = opts.timeoutMs ?? 30_000;
    const min = opts.minCount ?? 0;
    const wanted = min ? `at least ${min} problem(s)` : opts.until ? 'the problems awaited' : 'its problems';
    return this.step(
      `the Problems panel to list ${wanted}${min && opts.until ? ' as awaited' : ''}`,
      timeoutMs,
      async () => {
        const panel = this.page.locator('.markers-panel').first();
        const show = async () => {
          if (await panel.isVisible()) return;
          await this.closeQuickInput();
          await this.page.keyboard.press('Control+Shift+M');
          try {
            await panel.waitFor({ state: 'visible', timeout: 5000 });
          } catch {
            await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
            await panel.waitFor({ state: 'visible', timeout: 10_000 });
          }
        };
        const deadline = Date.now() + timeoutMs - 2000;
        for (;;) {
          // Shown again on each read: another view can take the panel meanwhile (the Comments view opens
          // itself with a file's first comment thread), and a hidden tree lists nothing.
          await show();
          const problems = await this.readProblemsTree();
          if (problems.length >= min && (!opts.until || opts.until(problems))) return problems;
          if (Date.now() > deadline) throw new Error(`${problems.length} listed: ${JSON.stringify(problems)}`);
          await sleep(300);
        }
      },
    );
  }

  private async readProblemsTree(): Promise<Problem[]> {
    const list = this.page.locator('.markers-panel .monaco-list').first();
    if (!(await list.count())) return [];
    type Row = {
      index: number;
      level: number;
      last: boolean;
      problem?: Omit<Problem, 'file' | 'folder'>;
      file?: string;
      folder?: string;
    };
    const rows = new Map<number, Row>();
    const readVisible = async () => {
      const visible: Row[] = await list.evaluate((root: Element) =>
        [...root.querySelectorAll('.monaco-list-row')].map((r) => {
          const el = r as HTMLElement;
          const level = Number(el.getAttribute('aria-level') ?? '1');
          const row: any = { index: Number(el.dataset.index), level, last: el.dataset.lastElement === 'true' };
          if (el.querySelector('.marker-icon')) {
            const sevClass = el.querySelector('.marker-icon')!.className;
            const where = (el.querySelector('.marker-line') as HTMLElement | null)?.innerText ?? '';
            const m = /Ln\s*(\d+),\s*Col\s*(\d+)/.exec(where);
            row.problem = {
              severity: /error/.test(sevClass) ? 'error' : /warning/.test(sevClass) ? 'warning' : 'info',
              message: (el.querySelector('.marker-message') as HTMLElement | null)?.innerText.trim() ?? '',
              line: m ? Number(m[1]) : 0,
              column: m ? Number(m[2]) : 0,
              source: (el.querySelector('.marker-source') as HTMLElement | null)?.innerText.trim() ?? '',
              code: (el.querySelector('.marker-code') as HTMLElement | null)?.innerText.trim() ?? '',
            };
          } else {
            row.file = (el.querySelector('.label-name') as HTMLElement | null)?.innerText.trim() ?? '';
            row.folder = (el.querySelector('.label-description') as HTMLElement | null)?.innerText.trim() ?? '';
          }
          return row;
        }),
      );
      for (const r of visible) rows.set(r.index, r);
      return visible;
    };
    // Scroll to the top, then page down until the last row has been seen.
    const box = await list.boundingBox();
    if (box) {
      await this.page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 40));
      await this.page.mouse.wheel(0, -100_000);
      await this.nextFrames();
    }
    for (let i = 0; i < 200; i++) {
      const visible = await readVisible();
      if (!visible.length || visible.some((r) => r.last) || !box) break;
      await this.page.mouse.wheel(0, Math.max(100, box.height - 30));
      await this.nextFrames();
    }
    const out: Problem[] = [];
    let file = '';
    let folder = '';
    for (const r of [...rows.values()].sort((a, b) => a.index - b.index)) {
      if (r.problem) out.push({ file, folder, ...r.problem });
      else {
        file = r.file ?? '';
        folder = r.folder ?? '';
      }
    }
    return out;
  }

  /** Resolves after the page has rendered two more frames (a scrolled list has re-rendered its rows by then). */
  private async nextFrames(): Promise<void> {
    await this.page.evaluate(
      () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
    );
  }

  // ------------------------------------------------------------------ notifications

  /** Notification toasts on screen. */
  async notifications(): Promise<NotificationInfo[]> {
    return this.page
      .locator('.notifications-toasts .notification-list-item, .notifications-center .notification-list-item')
      .evaluateAll((els: Element[]) =>
        els.map((e) => {
          const icon = e.querySelector('.notification-list-item-icon')?.className ?? '';
          return {
            message: (e.querySelector('.notification-list-item-message') as HTMLElement | null)?.innerText.trim() ?? '',
            source: ((e.querySelector('.notification-list-item-source') as HTMLElement | null)?.innerText ?? '')
              .replace(/^Source:\s*/, '')
              .trim(),
            severity: /error/.test(icon)
              ? 'error'
              : /warning/.test(icon)
                ? 'warning'
                : /info/.test(icon)
                  ? 'info'
                  : 'unknown',
            buttons: [...e.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) =>
              (b as HTMLElement).innerText.trim(),
            ),
          } as const;
        }),
      );
  }

  /**
   * Waits for a notification whose message contains (or matches) `message` and returns it. A toast hides
   * itself after a while, so when none matches the notification center is opened: it lists every notification
   * not cleared (the harness clears them before each test), so one that came and went is still found.
   */
  async waitForNotification(message: string | RegExp, timeoutMs = 20_000): Promise<NotificationInfo> {
    return this.step(`a notification saying ${String(message)}`, timeoutMs, async () => {
      const deadline = Date.now() + timeoutMs - 1000;
      const center = this.page.locator('.notifications-center .notifications-list-container');
      for (;;) {
        const all = await this.notifications();
        const hit = all.find((n) =>
          typeof message === 'string' ? n.message.includes(message) : message.test(n.message),
        );
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`not shown; notifications: ${JSON.stringify(all)}`);
        if (!(await center.isVisible())) {
          await this.page.keyboard.press(SHOW_NOTIFICATIONS_KEY);
          await center.waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
        } else await sleep(200);
      }
    });
  }

  /**
   * Clicks the button `label` of a notification toast (the one whose message contains `opts.message`, if
   * given). Opens the notification center when the toast has already been hidden.
   */
  async notificationButton(label: string, opts: { message?: string | RegExp; timeoutMs?: number } = {}): Promise<void> {
    const timeoutMs = opts.timeoutMs ?? 20_000;
    await this.step(
      `clicking "${label}" on a notification${opts.message ? ` saying ${String(opts.message)}` : ''}`,
      timeoutMs,
      async () => {
        const deadline = Date.now() + timeoutMs - 1000;
        let openedCenter = false;
        for (;;) {
          const items = this.page.locator(
            '.notifications-toasts .notification-list-item, .notifications-center .notification-list-item',
          );
          const n = await items.count();
          for (let i = 0; i < n; i++) {
            const item = items.nth(i);
            if (opts.message) {
              const text = (
                await item
                  .locator('.notification-list-item-message')
                  .innerText()
                  .catch(() => '')
              ).trim();
              if (typeof opts.message === 'string' ? !text.includes(opts.message) : !opts.message.test(text)) continue;
            }
            const button = item.locator('.notification-list-item-buttons-container .monaco-button').filter({
              hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`),
            });
            // The notification centre keeps hidden copies of the toasts: click only a button on screen.
            if (await button.first().isVisible()) {
              await button.first().click();
              return;
            }
          }
          if (!openedCenter && Date.now() > deadline - timeoutMs / 2) {
            openedCenter = true;
            await this.runCommand('Notifications: Show Notifications').catch(() => undefined);
          }
          if (Date.now() > deadline)
            throw new Error(`no such button; notifications: ${JSON.stringify(await this.notifications())}`);
          await sleep(200);
        }
      },
    );
  }

  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
  }

  // ------------------------------------------------------------------ output channels

  /**
   * Text of an output channel of the (remote) extension host, read from the files code-server writes:
   * `createOutputChannel(name)` → logs/<session>/exthostN/output_logging_<ts>/<n>-<name>.log,
   * `createOutputChannel(name, { log: true })` → logs/<session>/exthostN/<extension id>/<name>.log.
   * No UI involved, so the whole text is read, not just what is scrolled into view.
   */
  async readOutputChannel(name: string, opts: OutputReadOptions = {}): Promise<string> {
    const timeoutMs = opts.timeoutMs ?? 15_000;
    const read = () => {
      const logs = join(this.profile.userDataDir, 'logs');
      const files = outputChannelFiles(logs, name);
      const current = opts.latestOnly ? currentExtensionHostLogDir(logs) : undefined;
      const chosen = opts.latestOnly ? (current ? files.filter((f) => f.startsWith(`${current}/`)) : []) : files;
      return chosen.map((f) => readFileSync(f, 'utf8')).join('');
    };
    if (!opts.contains) return read();
    const want = opts.contains;
    return this.step(`output channel "${name}" to contain ${String(want)}`, timeoutMs, async () => {
      const deadline = Date.now() + timeoutMs - 500;
      for (;;) {
        const text = read();
        if (typeof want === 'string' ? text.includes(want) : want.test(text)) return text;
        if (Date.now() > deadline) throw new Error(`it reads:\n${text.slice(-3000) || '(no such channel yet)'}`);
        await sleep(200);
      }
    });
  }

  /** Shows an output channel in the Output panel (for screenshots; use readOutputChannel to read it). */
  async showOutputChannel(name: string): Promise<void> {
    await this.runCommand('Output: Show Output Channels...');
    await this.step(`choosing output channel "${name}"`, 15_000, async () => {
      await this.quickInputBox.fill(name);
      const rows = await this.stableRows(8000, (r) => r.some((l) => l === name || l.startsWith(`${name},`)));
      const index = rows.findIndex((l) => l === name || l.startsWith(`${name},`));
      if (index < 0) throw new Error(`no channel "${name}"; listed: ${rows.join(', ')}`);
      await this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').nth(index).click();
    });
  }

  // ------------------------------------------------------------------ window

  /** Developer: Reload Window, then waits for the workbench (and readyCommands) again: the extension host restarts. */
  async reloadWindow(timeoutMs = 120_000): Promise<void> {
    await this.page.evaluate(() => ((window as any).__e2eBeforeReload = true));
    await this.runCommand('Developer: Reload Window');
    await this.step('the window to reload', timeoutMs, async () => {
      await this.page.waitForFunction(() => !(window as any).__e2eBeforeReload, undefined, {
        timeout: timeoutMs,
        polling: 200,
      });
      await this.page.waitForLoadState('domcontentloaded');
      await this.waitForWorkbench(timeoutMs);
    });
  }

  /** Closes the browser; idempotent. (code-server and the profile belong to the session: see session.ts.) */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.race([this.context.close().catch(() => undefined), sleep(10_000)]);
  }
}

/** Output channel files named `name`, oldest first. */
export function outputChannelFiles(logsDir: string, name: string): string[] {
  const found: Array<{ file: string; t: number }> = [];
  // VS Code drops \ / : * ? " < > | from the name when it makes the file name ("Claude Multi-Agent: Security"
  // is written as "<n>-Claude Multi-Agent Security.log").
  const fileName = name.trim().replace(/[\\/:*?"<>|]/g, '');
  const plain = new RegExp(`^\\d+-${escapeRegExp(fileName)}\\.log$`);
  const walk = (dir: string, depth: number) => {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch {
      return;
    }
    for (const e of entries) {
      const p = join(dir, e);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < 4) walk(p, depth + 1);
      } else if (
        (plain.test(e) && /output_logging_/.test(basename(dir))) ||
        (e === `${fileName}.log` && /^exthost\d+$/.test(basename(dirname(dir))))
      ) {
        found.push({ file: p, t: st.birthtimeMs || st.mtimeMs });
      }
    }
  };
  walk(logsDir, 0);
  return found.sort((a, b) => a.t - b.t || a.file.localeCompare(b.file)).map((f) => f.file);
}

/** logs/<newest session>/exthost<highest N>: the folder of the extension host that runs now. */
export function currentExtensionHostLogDir(logsDir: string): string | undefined {
  const list = (d: string) => {
    try {
      return readdirSync(d);
    } catch {
      return [];
    }
  };
  const sessions = list(logsDir)
    .filter((e) => /^\d{8}T\d{6}$/.test(e))
    .sort();
  for (const session of sessions.reverse()) {
    const hosts = list(join(logsDir, session))
      .map((e) => /^exthost(\d+)$/.exec(e))
      .filter((m): m is RegExpExecArray => !!m)
      .sort((a, b) => Number(b[1]) - Number(a[1]));
    if (hosts[0]) return join(logsDir, session, hosts[0][0]);
  }
  return undefined;
}

/**
 * Page-side (a string: tsx would wrap a TypeScript function's inner functions in a `__name` helper the page
 * does not have): the point to click in the active group's text editor (on `line`; with its text focused, if
 * `focused`), or why there is none yet.
 */
const EDITOR_POINT = `({ tabName, line, focused }) => {
  const group = document.querySelector('.editor-group-container.active');
  if (!group) return { wait: 'no active editor group' };
  if (tabName !== undefined) {
    const tab = group.querySelector('.tabs-container .tab.active');
    const label = tab ? tab.getAttribute('aria-label') || '' : '';
    if (!label.startsWith(tabName)) return { wait: 'the active tab is ' + (label || 'none') };
  }
  const area = (e) => { const r = e.getBoundingClientRect(); return r.width * r.height; };
  const editor = [...group.querySelectorAll('.editor-instance .monaco-editor')]
    .filter((e) => !e.parentElement.closest('.monaco-editor') && e.checkVisibility())
    .sort((a, b) => area(b) - area(a))[0];
  if (!editor) return { wait: 'no text editor is shown in the active group' };
  if (focused && !editor.classList.contains('focused')) return { wait: 'the editor does not have the focus' };
  // The text area as shown: the lines' layer itself reaches above it when the editor is scrolled.
  const shownText = editor.querySelector('.editor-scrollable');
  const box = shownText ? shownText.getBoundingClientRect() : undefined;
  if (!box || box.width < 20 || box.height < 20 || !editor.querySelector('.view-lines .view-line'))
    return { wait: 'the editor is not laid out yet' };
  // Candidate heights: the line's, else places in the text area that sticky scroll (at the top of a scrolled
  // editor) or a comment thread may not cover.
  let heights = [0.5, 0.25, 0.75].map((f) => box.top + f * box.height);
  if (line !== undefined) {
    const number = [...editor.querySelectorAll('.margin-view-overlays .line-numbers')].find(
      (n) => n.textContent.trim() === String(line),
    );
    if (!number) return { wait: 'line ' + line + ' is not in view' };
    const r = number.getBoundingClientRect();
    heights = [r.top + r.height / 2];
    if (heights[0] < box.top || heights[0] > box.bottom) return { wait: 'line ' + line + ' is not in view' };
  }
  const x = box.left + Math.min(60, box.width / 2);
  let covered = 'nothing';
  for (const y of heights) {
    const hit = document.elementFromPoint(x, y);
    const over = hit && hit.closest('.sticky-widget, .overlayWidgets, .contentWidgets, .zone-widget');
    if (hit && editor.contains(hit) && !over) return { x, y };
    covered = hit ? (over || hit).className : 'nothing';
  }
  return { wait: 'the point is covered by ' + covered };
}`;

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'screenshot';
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function cssString(s: string): string {
  return s.replace(/["\\]/g, '\\$&');
}
