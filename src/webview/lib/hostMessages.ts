// Receives messages from the extension host. The host is trusted, but anything else that can post to
// this window is not, so only objects whose `type` belongs to this panel are passed on.

export function onHostMessage<Message extends { type: string }>(
  win: Window,
  typePrefix: string,
  handler: (message: Message) => void,
): () => void {
  const listener = (event: MessageEvent) => {
    const data: unknown = event.data;
    if (typeof data !== 'object' || data === null) return;
    const type = (data as { type?: unknown }).type;
    if (typeof type === 'string' && type.startsWith(typePrefix)) handler(data as Message);
  };
  win.addEventListener('message', listener);
  return () => win.removeEventListener('message', listener);
}
