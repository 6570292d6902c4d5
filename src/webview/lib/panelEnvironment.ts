// What a panel needs from its surroundings. Injected (rather than read from globals) so the panels
// can be mounted in jsdom with a fake VS Code API and synchronous frames.
import { animationFrames, type FrameScheduler } from './frames';
import type { VsCodeApi } from './vscodeApi';

export interface PanelEnvironment<OutgoingMessage, State> {
  win: Window;
  api: VsCodeApi<OutgoingMessage, State>;
  frames?: FrameScheduler;
  now?: () => number;
}

export interface ResolvedEnvironment<OutgoingMessage, State> extends Required<
  PanelEnvironment<OutgoingMessage, State>
> {
  doc: Document;
}

export function resolveEnvironment<O, S>(env: PanelEnvironment<O, S>): ResolvedEnvironment<O, S> {
  return {
    win: env.win,
    doc: env.win.document,
    api: env.api,
    frames: env.frames ?? animationFrames(env.win),
    now: env.now ?? (() => env.win.performance.now()),
  };
}

/** Panels mount into the page's #app element (see html-template.ts), or the body as a fallback. */
export function appRoot(doc: Document): HTMLElement {
  return doc.getElementById('app') ?? doc.body;
}
