// Typed access to the API VS Code injects into webviews. `acquireVsCodeApi` may be called only once
// per page, so the handle is cached.

export interface VsCodeApi<OutgoingMessage, State> {
  postMessage(message: OutgoingMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}

interface RawVsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): RawVsCodeApi;

let cached: RawVsCodeApi | undefined;

export function getVsCodeApi<OutgoingMessage, State>(): VsCodeApi<OutgoingMessage, State> {
  cached ??= acquireVsCodeApi();
  const raw = cached;
  return {
    postMessage: (message) => raw.postMessage(message),
    // What comes back is what this page stored earlier; callers still check its version.
    getState: () => (raw.getState() ?? undefined) as State | undefined,
    setState: (state) => raw.setState(state),
  };
}
