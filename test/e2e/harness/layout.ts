// Every test starts from the same layout, not from whatever the test before it left on screen: one empty
// editor group, the Explorer in the side bar, no panel, no secondary side bar (the follow-up chat), no
// notification, no quick input, menu or dialog. `useWorkbench` calls `resetLayout` before each test.
//
// The reset is one key press: the test profile's keybindings.json binds RESET_LAYOUT_KEY to VS Code's
// `runCommands` with the commands below, so it costs no trip through the command palette. Keys pressed while a
// webview has the focus reach the workbench's keybindings too (webviews forward them). The commands run one
// after the other, asynchronously: the last one opens the palette with RESET_DONE_MARKER, which tells the
// harness that all of them have run (the layout could look right before they have, and a late close of the
// quick input would then close the next step's).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Profile } from './codeServer.js';
import { sleep } from './processes.js';
import type { Workbench } from './workbench.js';

/** Playwright's name of the key bound to the reset (nothing in VS Code or Chromium uses it; Shift+F10 opens a context menu, F11 goes full screen). */
export const RESET_LAYOUT_KEY = 'Control+Alt+Shift+F12';
/** Bound to Notifications: Show Notifications (the center lists every notification not cleared). */
export const SHOW_NOTIFICATIONS_KEY = 'Control+Alt+Shift+F9';
/** Bound to View: Focus Active Editor Group (the keyboard's way into the editor: a click can land on a widget). */
export const FOCUS_EDITOR_KEY = 'Control+Alt+Shift+F8';

/** What the reset runs, in order (all idempotent). */
export const RESET_LAYOUT_COMMANDS = [
  'workbench.action.closeQuickOpen',
  'notifications.hideList',
  'notifications.clearAll',
  // A progress notification of a task still running cannot be cleared, only hidden.
  'notifications.hideToasts',
  'workbench.action.closeAllGroups',
  'workbench.action.closePanel',
  'workbench.action.closeAuxiliaryBar',
  'workbench.view.explorer',
];

/** What the last command of the reset puts into the palette's input. */
export const RESET_DONE_MARKER = '>e2e: layout reset done';

/** Writes User/keybindings.json of a test profile: the harness's own keys, nothing else. */
export function writeTestKeybindings(profile: Profile): void {
  const dir = join(profile.userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  const key = (playwrightKey: string) => playwrightKey.toLowerCase().replace('control', 'ctrl');
  const commands = [...RESET_LAYOUT_COMMANDS, { command: 'workbench.action.quickOpen', args: RESET_DONE_MARKER }];
  const bindings = [
    { key: key(RESET_LAYOUT_KEY), command: 'runCommands', args: { commands } },
    { key: key(SHOW_NOTIFICATIONS_KEY), command: 'notifications.showList' },
    { key: key(FOCUS_EDITOR_KEY), command: 'workbench.action.focusActiveEditorGroup' },
  ];
  writeFileSync(join(dir, 'keybindings.json'), `${JSON.stringify(bindings, null, 2)}\n`);
}

/**
 * What is still off the start layout ([] once it is reached). One evaluation in the page, so the answer is
 * a consistent picture of one moment. (A string: tsx would wrap the inner functions of a TypeScript function
 * in a `__name` helper that the page does not have.)
 */
export function layoutDifferences(wb: Workbench): Promise<string[]> {
  return wb.page.evaluate(LAYOUT_DIFFERENCES) as Promise<string[]>;
}

const LAYOUT_DIFFERENCES = `(() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((e) => e.checkVisibility());
  const off = [];
  if (shown('.quick-input-widget').length) off.push('a quick input is open');
  if (shown('.context-view .monaco-menu').length) off.push('a menu is open');
  if (shown('.monaco-dialog-box').length) off.push('a dialog is open');
  const toasts = shown('.notifications-toasts .notification-list-item');
  if (toasts.length) off.push(toasts.length + ' notification(s) on screen');
  if (shown('.notifications-center .notifications-list-container').length) off.push('the notification center is open');
  const groups = document.querySelectorAll('.editor-group-container').length;
  if (groups !== 1) off.push(groups + ' editor groups');
  const tabs = document.querySelectorAll('.editor-group-container .tabs-container .tab').length;
  if (tabs) off.push(tabs + ' editor(s) open');
  if (shown('.monaco-workbench .part.panel').length) off.push('the panel is open');
  if (shown('.monaco-workbench .part.auxiliarybar').length) off.push('the secondary side bar is open');
  const sideBar = shown('.monaco-workbench .part.sidebar .composite.title')[0];
  if (!sideBar || !/explorer/i.test(sideBar.innerText)) off.push('the side bar shows ' + (sideBar ? sideBar.innerText : 'nothing'));
  return off;
})()`;

/**
 * Puts the workbench back to the start layout and waits until it is there. A modal dialog or a menu left
 * open blocks keybindings, so they are dismissed first (Escape: the dialog's Cancel); an editor with unsaved
 * changes is closed without saving them (its dialog can also come up during the reset). The key is pressed
 * again only after a reset has finished and the layout is still off (a notification that came meanwhile):
 * never while one is still running.
 */
export async function resetLayout(wb: Workbench, timeoutMs = 45_000): Promise<void> {
  await wb.step('the start layout (no editor, panel, notification or dialog)', timeoutMs, async () => {
    const deadline = Date.now() + timeoutMs - 1000;
    for (;;) {
      await dismissBlockers(wb);
      await wb.page.keyboard.press(RESET_LAYOUT_KEY);
      await resetDone(wb, deadline);
      const off = await layoutDifferences(wb);
      if (!off.length) return;
      if (Date.now() > deadline) throw new Error(`still off: ${off.join('; ')}`);
    }
  });
}

/** Waits for the reset's last command (the palette showing RESET_DONE_MARKER), then closes that palette. */
async function resetDone(wb: Workbench, deadline: number): Promise<void> {
  for (;;) {
    const state = await wb.page.evaluate((marker: string) => {
      const widget = document.querySelector('.quick-input-widget') as HTMLElement | null;
      const input = widget?.querySelector('.quick-input-box input') as HTMLInputElement | null;
      if (widget?.checkVisibility() && input?.value === marker) return 'done';
      return document.querySelector('.monaco-dialog-box') ? 'dialog' : 'running';
    }, RESET_DONE_MARKER);
    if (state === 'done') {
      await wb.page.keyboard.press('Escape');
      await wb.quickInput.waitFor({ state: 'hidden', timeout: 5000 });
      return;
    }
    if (state === 'dialog') await dismissBlockers(wb);
    else if (Date.now() > deadline) throw new Error('the reset key did not run its commands to the end');
    else await sleep(50);
  }
}

/** Closes what would swallow the reset key: a dialog (Don't Save for unsaved editors, else Escape) or a menu. */
async function dismissBlockers(wb: Workbench): Promise<void> {
  for (let i = 0; i < 5; i++) {
    const dialog = wb.page.locator('.monaco-dialog-box');
    const menu = wb.page.locator('.context-view .monaco-menu');
    if (await dialog.isVisible().catch(() => false)) {
      const dontSave = dialog.locator('.monaco-button', { hasText: /^Don't Save$/ });
      if (await dontSave.count()) await dontSave.first().click();
      else await wb.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    } else if (await menu.isVisible().catch(() => false)) {
      await wb.page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
    } else return;
  }
}
