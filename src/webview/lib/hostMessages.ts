// Receives messages from the extension host. The host is trusted, but anything else that can post to
// this window is not, so only objects whose `type` belongs to this panel are passed on.
//
// Test-only: when the page's body carries RECORD_HOST_MESSAGES_ATTRIBUTE (the host adds it only when the
// browser tests ask, see src/extension/webview/html.ts), every message passed on is also kept, in arrival
// order, in window[RECORDED_HOST_MESSAGES], so a test reads what the panel received from its first message
// on instead of trying to catch a moment on screen.
import { RECORD_HOST_MESSAGES_ATTRIBUTE, RECORDED_HOST_MESSAGES } from '../../shared/testHooks';

export function onHostMessage<Message extends { type: string }>(
  win: Window,
  typePrefix: string,
  handler: (message: Message) => void,
): () => void {
  const record = win.document.body?.hasAttribute(RECORD_HOST_MESSAGES_ATTRIBUTE) ? recorder(win) : undefined;
  const listener = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const type = (data as { type?: unknown }).type;
    if (typeof type !== 'string' || !type.startsWith(typePrefix)) return;
    record?.push(data);
    handler(data as Message);
  };
  win.addEventListener('message', listener);
  return () => win.removeEventListener('message', listener);
}

function recorder(win: Window): unknown[] {
  const slot = win as unknown as Record<string, unknown[] | undefined>;
  return (slot[RECORDED_HOST_MESSAGES] ??= []);
}
