// The follow-up chat view: header, notice, the turns, and the composer.
import type { ChatHostMessage, ChatWebviewMessage } from '../../shared/protocol';
import { installContentActions } from '../lib/contentActions';
import { el } from '../lib/dom';
import { createLiveRegion } from '../lib/liveRegion';
import { createMarkdownRenderer } from '../lib/markdown';
import { resolveEnvironment, type PanelEnvironment } from '../lib/panelEnvironment';
import { createStateSaver } from '../lib/persist';
import { ChatHeader } from './chatHeader';
import {
  appendToAnswer,
  chatStateFromThread,
  emptyChatState,
  finishAnswer,
  isChatState,
  type ChatState,
} from './chatState';
import { Composer } from './composer';
import { TurnView } from './turnView';

export interface ChatPanel {
  handle(message: ChatHostMessage): void;
  dispose(): void;
}

/** Follow the newest text only if the reader has not scrolled up to read something older. */
const STICK_TO_BOTTOM_PX = 40;

export function mountChat(root: HTMLElement, environment: PanelEnvironment<ChatWebviewMessage, ChatState>): ChatPanel {
  const env = resolveEnvironment(environment);
  const { doc, api } = env;
  const post = (message: ChatWebviewMessage) => api.postMessage(message);
  const renderer = createMarkdownRenderer(env.win, { codeBlockActions: ['copy', 'insert'] });
  const live = createLiveRegion(doc);

  let state: ChatState = emptyChatState();
  let views: TurnView[] = [];

  // `busy` is not kept: after a reload only the host knows whether an answer is still running.
  const saver = createStateSaver(env.win, () => api.setState({ ...state, busy: false }));
  const header = new ChatHeader(doc, post);
  const notice = el(doc, 'p', { className: 'chat-notice', testId: 'chat-notice', hidden: true });
  const turnList = el(doc, 'ol', {
    className: 'chat-turns',
    testId: 'chat-turns',
    attrs: { 'aria-label': 'Conversation' },
  });
  const composer = new Composer(doc, {
    send(text) {
      post({ type: 'send', text });
      // Shown at once; a later chat/thread from the host replaces the whole list anyway.
      state.turns.push({ role: 'user', text });
      addView(state.turns.at(-1)!, true);
      saver.schedule();
    },
    stop: () => post({ type: 'stop' }),
    draftChanged(draft) {
      state.draft = draft;
      saver.schedule();
    },
  });
  root.classList.add('chat-root');
  root.replaceChildren(header.element, header.emptyState, notice, turnList, composer.element, live.element);

  let stickToBottom = true;
  turnList.addEventListener('scroll', () => {
    stickToBottom = turnList.scrollHeight - turnList.scrollTop - turnList.clientHeight < STICK_TO_BOTTOM_PX;
  });
  const keepScrolled = () => {
    if (stickToBottom) turnList.scrollTop = turnList.scrollHeight;
  };

  const removeContentActions = installContentActions(root, {
    openLink: (href) => post({ type: 'openLink', href }),
    copyText: (text) => post({ type: 'copyText', text }),
    insertCode: (code) => post({ type: 'insertCode', code }),
  });

  function addView(turn: ChatState['turns'][number], scroll = false): TurnView {
    const view = new TurnView(turn, { doc, renderer, frames: env.frames, now: env.now, onRendered: keepScrolled });
    views.push(view);
    turnList.append(view.element);
    if (scroll) {
      stickToBottom = true;
      keepScrolled();
    }
    return view;
  }

  function renderNotice(): void {
    notice.textContent = state.notice ?? '';
    notice.hidden = !state.notice;
  }

  function show(next: ChatState): void {
    state = next;
    header.show(next.fileLabel, next.simulated);
    renderNotice();
    for (const view of views) view.dispose();
    views = [];
    turnList.replaceChildren();
    for (const turn of next.turns) addView(turn);
    stickToBottom = true;
    keepScrolled();
    composer.setBusy(next.busy);
    composer.setDraft(next.draft);
  }

  function handle(message: ChatHostMessage): void {
    switch (message.type) {
      case 'chat/thread':
        show(chatStateFromThread(message, state));
        saver.saveNow();
        return;
      case 'chat/append': {
        const before = state.turns.at(-1);
        const turn = appendToAnswer(state.turns, message.text);
        if (turn === before) views.at(-1)?.append(message.text);
        else addView(turn);
        saver.schedule();
        return;
      }
      case 'chat/turnDone': {
        const before = state.turns.at(-1);
        const turn = finishAnswer(state.turns, message.status, message.note);
        if (turn === before) views.at(-1)?.update(turn);
        else addView(turn);
        live.announce(
          message.status === 'completed'
            ? 'Answer complete'
            : message.status === 'interrupted'
              ? 'Answer interrupted'
              : `Answer failed${message.note ? `: ${message.note}` : ''}`,
        );
        saver.saveNow();
        return;
      }
      case 'chat/busy':
        state.busy = message.busy;
        composer.setBusy(message.busy);
        if (message.busy) live.announce('Claude is answering');
        saver.schedule();
        return;
      case 'chat/compose':
        // A question prepared elsewhere ("Ask a follow-up"): in the composer, for the user to edit and send.
        state.draft = message.text;
        composer.setDraft(message.text);
        composer.input.focus();
        saver.saveNow();
        return;
      case 'chat/notice':
        if (message.notice === undefined) delete state.notice;
        else state.notice = message.notice;
        renderNotice();
        saver.schedule();
        return;
    }
  }

  const saved = api.getState();
  show(isChatState(saved) ? saved : state);

  return {
    handle,
    dispose() {
      saver.dispose();
      removeContentActions();
      for (const view of views) view.dispose();
    },
  };
}
