// A jsdom page plus synchronous stand-ins for the browser pieces the webviews inject.
import { JSDOM } from 'jsdom';
import type { FrameScheduler } from '../../../src/webview/lib/frames';
import type { VsCodeApi } from '../../../src/webview/lib/vscodeApi';

export function createPage(): { dom: JSDOM; win: Window; doc: Document; root: HTMLElement } {
  const dom = new JSDOM('<!DOCTYPE html><html><body><div id="app"></div></body></html>', {
    url: 'https://webview.invalid/index.html',
  });
  const win = dom.window as unknown as Window;
  return { dom, win, doc: win.document, root: win.document.getElementById('app')! };
}

/** Frames that run only when the test says so, and count how often they ran. */
export class ManualFrames implements FrameScheduler {
  private queue = new Map<number, () => void>();
  private next = 1;
  ran = 0;

  request(callback: () => void): number {
    const id = this.next++;
    this.queue.set(id, callback);
    return id;
  }
  cancel(handle: number): void {
    this.queue.delete(handle);
  }
  get pending(): number {
    return this.queue.size;
  }
  runFrame(): void {
    const callbacks = [...this.queue.values()];
    this.queue.clear();
    for (const callback of callbacks) {
      this.ran += 1;
      callback();
    }
  }
}

export class FakeVsCodeApi<Message, State> implements VsCodeApi<Message, State> {
  readonly posted: Message[] = [];
  state: State | undefined;
  constructor(initialState?: State) {
    this.state = initialState;
  }
  postMessage(message: Message): void {
    this.posted.push(message);
  }
  getState(): State | undefined {
    return this.state;
  }
  setState(state: State): void {
    this.state = structuredClone(state);
  }
}

export function byTestId(root: ParentNode, id: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no element with data-testid="${id}"`);
  return found;
}

export function allByTestId(root: ParentNode, id: string): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
}

/** The page's own constructors (jsdom's, not Node's). */
export function constructorsOf(win: Window): typeof globalThis {
  return win as unknown as typeof globalThis;
}

export function click(win: Window, target: Element): MouseEvent {
  const event = new (constructorsOf(win).MouseEvent)('click', { bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}

export function key(win: Window, target: Element, keyName: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const event = new (constructorsOf(win).KeyboardEvent)('keydown', {
    key: keyName,
    bubbles: true,
    cancelable: true,
    ...init,
  });
  target.dispatchEvent(event);
  return event;
}
