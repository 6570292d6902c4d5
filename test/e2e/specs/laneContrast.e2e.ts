// The numbers in the review panel are readable in every kind of theme: each lane's tokens, cost and cache
// status, and the running total, reach WCAG AA (4.5:1) against the panel's background in a light, a dark
// and both high-contrast themes. Measured in the real webview: the text's computed colour, faded by its
// own and its ancestors' opacity, blended over the first opaque background behind it (the editor area's,
// editor.background, where the page itself is transparent).
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
// @ts-ignore -- resolved from test/e2e/node_modules (see workbench.ts)
import type { Frame } from 'playwright-core';
import { BUILTIN_EXPERTS } from '../../../src/review/experts/builtinExperts';
import { useWorkbench, type Workbench } from '../harness/index.js';

/** Large enough to be cached, so three lanes say "cache read" (the text once drawn in light green). */
const FILE = 'src/inventory.ts';
const SOURCE = Array.from(
  { length: 220 },
  (_, i) => `export function stock${i}(count: number): number {\n  return count * ${i} + ${i % 7};\n}`,
).join('\n');
const AA = 4.5;

/** Theme label in "Preferences: Color Theme", and its kind as a webview's body says it (data-vscode-theme-kind). */
const THEMES = [
  { name: 'Light Modern', kind: 'vscode-light' },
  { name: 'Dark Modern', kind: 'vscode-dark' },
  { name: 'Light High Contrast', kind: 'vscode-high-contrast-light' },
  { name: 'Dark High Contrast', kind: 'vscode-high-contrast' },
] as const;

/**
 * Contrast ratio of every element matching a selector against what is behind it, with its text. Plain
 * JavaScript in a string: the test's TypeScript transform would add helpers the page does not have.
 */
const MEASURE = `(sel) => {
  const rgba = (c) => {
    const m = /rgba?\\(([^)]+)\\)/.exec(c);
    if (!m) return [0, 0, 0, 0];
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p[3] ?? 1];
  };
  const lin = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const luminance = ([r, g, b]) => 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] >= 1) return c;
    }
    // Nothing opaque in the page: the webview is transparent over the editor area, editor.background.
    const probe = document.createElement('div');
    probe.style.backgroundColor = 'var(--vscode-editor-background)';
    document.body.appendChild(probe);
    const behind = rgba(getComputedStyle(probe).backgroundColor);
    probe.remove();
    return behind;
  };
  return [...document.querySelectorAll(sel)].map((el) => {
    const fg = rgba(getComputedStyle(el).color);
    let alpha = fg[3];
    for (let e = el; e; e = e.parentElement) alpha *= Number(getComputedStyle(e).opacity);
    const bg = background(el);
    const shown = [0, 1, 2].map((i) => fg[i] * alpha + bg[i] * (1 - alpha));
    const [hi, lo] = [luminance(shown), luminance(bg)].sort((a, b) => b - a);
    return { text: el.innerText, ratio: (hi + 0.05) / (lo + 0.05) };
  });
}`;

function measure(frame: Frame, selector: string): Promise<Array<{ text: string; ratio: number }>> {
  return frame.evaluate(`(${MEASURE})(${JSON.stringify(selector)})`) as Promise<Array<{ text: string; ratio: number }>>;
}

async function useTheme(wb: Workbench, frame: Frame, theme: (typeof THEMES)[number]): Promise<void> {
  await wb.runCommand('Preferences: Color Theme');
  await wb.typeInQuickInput(theme.name);
  await wb.step(`${theme.name} to be listed first`, 10_000, async () => {
    for (;;) {
      if ((await wb.quickInputRows())[0]?.startsWith(theme.name)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  await wb.press('Enter');
  // Polled from here: the webview's CSP forbids the string evaluation waitForFunction would use.
  await wb.step(`the panel to take ${theme.name}`, 20_000, async () => {
    while ((await frame.evaluate('document.body.dataset.vscodeThemeKind')) !== theme.kind)
      await new Promise((r) => setTimeout(r, 100));
  });
}

describe('review panel: lane numbers readable in every theme', function () {
  const session = useWorkbench({ name: 'lane-contrast', simulator: true });

  it('lane cost and running total reach 4.5:1 in light, dark and high-contrast themes', async () => {
    const { workbench: wb, profile } = session();
    writeFileSync(join(profile.workspace, FILE), `${SOURCE}\n`);
    await wb.runCommand('View: Close All Editors');
    await wb.openFile(FILE);
    await wb.rightClickEditorAndChoose('Multi-expert review', { line: 1 });
    const frame = await wb.webviewFrame(`Review: ${FILE}`);
    await wb.step('the review to finish', 90_000, () =>
      frame.locator('[data-testid="run-status"][data-outcome]').waitFor({ timeout: 89_000 }),
    );
    await frame.locator('.lane-cost[data-cache="read"]').first().waitFor({ timeout: 10_000 });
    const failures: string[] = [];
    for (const theme of THEMES) {
      await useTheme(wb, frame, theme);
      const measured = [...(await measure(frame, '.lane-cost')), ...(await measure(frame, '.run-total'))];
      assert.ok(measured.length >= BUILTIN_EXPERTS.length + 1, `every lane and the total: ${measured.length}`);
      for (const m of measured)
        if (m.ratio < AA) failures.push(`${theme.name}: ${m.ratio.toFixed(2)}:1 for "${m.text}"`);
      await wb.screenshot(`lane-contrast-${theme.name.replace(/ /g, '-').toLowerCase()}`);
    }
    assert.deepEqual(failures, [], `below ${AA}:1`);
  });
});
