// Animation-frame scheduling behind an interface so views can be driven synchronously in tests.

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export function animationFrames(win: Window): FrameScheduler {
  return {
    request: (callback) => win.requestAnimationFrame(() => callback()),
    cancel: (handle) => win.cancelAnimationFrame(handle),
  };
}
