// Entry point of the delegation panel webview (bundled to dist/webview/delegateMain.js).
import type { DelegateHostMessage, DelegateWebviewMessage } from '../shared/protocol';
import { mountDelegate } from './delegate/delegateApp';
import type { DelegateState } from './delegate/delegateState';
import { onHostMessage } from './lib/hostMessages';
import { appRoot } from './lib/panelEnvironment';
import { getVsCodeApi } from './lib/vscodeApi';

const api = getVsCodeApi<DelegateWebviewMessage, DelegateState>();
const panel = mountDelegate(appRoot(document), { win: window, api });
onHostMessage<DelegateHostMessage>(window, 'delegate/', (message) => panel.handle(message));
api.postMessage({ type: 'ready' });
