// Entry point of the follow-up chat side view (bundled to dist/webview/chatMain.js).
import type { ChatHostMessage, ChatWebviewMessage } from '../shared/protocol';
import { mountChat } from './chat/chatApp';
import type { ChatState } from './chat/chatState';
import { onHostMessage } from './lib/hostMessages';
import { appRoot } from './lib/panelEnvironment';
import { getVsCodeApi } from './lib/vscodeApi';

const api = getVsCodeApi<ChatWebviewMessage, ChatState>();
const panel = mountChat(appRoot(document), { win: window, api });
onHostMessage<ChatHostMessage>(window, 'chat/', (message) => panel.handle(message));
api.postMessage({ type: 'ready' });
