// A repeating timer that runs only while something is running, so an idle panel costs nothing.

export interface Ticker {
  /** Starts or stops ticking. */
  setActive(active: boolean): void;
  dispose(): void;
}

export function createTicker(win: Window, onTick: () => void, intervalMs = 200): Ticker {
  let handle: number | undefined;
  const stop = () => {
    if (handle !== undefined) win.clearInterval(handle);
    handle = undefined;
  };
  return {
    setActive(active) {
      if (active && handle === undefined) handle = win.setInterval(onTick, intervalMs);
      else if (!active) stop();
    },
    dispose: stop,
  };
}
