// What the chat view's page is sent for the chat's state and events (src/chat → the protocol).
import type { ChatEvent, ChatTarget, StoredTurn, ThreadSnapshot } from '../../chat';
import type { ChatHostMessage, ChatTurnView } from '../../shared/protocol';

export const NO_FILE_NOTICE = 'Open a file in the editor to ask about it.';

const toView = (t: StoredTurn): ChatTurnView => ({
  role: t.role,
  text: t.text,
  ...(t.status && { status: t.status }),
  ...(t.note && { note: t.note }),
});

/** The whole thread of the file the view follows (or the hint to open one), replacing what it shows. */
export function threadMessages(
  target: ChatTarget | undefined,
  thread: ThreadSnapshot | undefined,
  simulated: boolean,
): ChatHostMessage[] {
  if (!target || !thread)
    return [
      { type: 'chat/thread', threadKey: undefined, fileLabel: undefined, turns: [], notice: NO_FILE_NOTICE, simulated },
      { type: 'chat/busy', busy: false },
    ];
  return [
    {
      type: 'chat/thread',
      threadKey: target.key,
      fileLabel: target.label,
      turns: thread.turns.map(toView),
      simulated,
      ...(thread.notice && { notice: thread.notice }),
    },
    { type: 'chat/busy', busy: thread.busy },
  ];
}

/** A change within the thread the view shows; `notice` is the thread's notice now. */
export function eventMessages(
  event: Exclude<ChatEvent, { type: 'thread' }>,
  notice: string | undefined,
): ChatHostMessage[] {
  switch (event.type) {
    case 'append':
      return [{ type: 'chat/append', text: event.text }];
    case 'turnDone':
      return [
        { type: 'chat/turnDone', status: event.status, ...(event.note && { note: event.note }) },
        { type: 'chat/notice', notice },
        { type: 'chat/busy', busy: false },
      ];
    case 'notice':
      return [{ type: 'chat/notice', notice }];
  }
}
