// Saves panel state through VS Code's setState so a hidden-then-shown panel can restore without
// `retainContextWhenHidden`. Serialising on every streamed chunk would be wasteful: saves are
// coalesced, and `saveNow` is for moments that matter (a run ending, the page hiding).

export interface StateSaver {
  schedule(): void;
  saveNow(): void;
  dispose(): void;
}

export function createStateSaver(win: Window, save: () => void, delayMs = 500): StateSaver {
  let timer: number | undefined;
  const saveNow = () => {
    if (timer !== undefined) win.clearTimeout(timer);
    timer = undefined;
    save();
  };
  const onHide = () => {
    if (win.document.visibilityState === 'hidden') saveNow();
  };
  win.document.addEventListener('visibilitychange', onHide);
  return {
    schedule() {
      timer ??= win.setTimeout(saveNow, delayMs);
    },
    saveNow,
    dispose() {
      if (timer !== undefined) win.clearTimeout(timer);
      timer = undefined;
      win.document.removeEventListener('visibilitychange', onHide);
    },
  };
}
