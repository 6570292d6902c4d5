// Entry point of the review panel webview (bundled to dist/webview/reviewMain.js).
import type { ReviewHostMessage, ReviewWebviewMessage } from '../shared/protocol';
import { onHostMessage } from './lib/hostMessages';
import { appRoot } from './lib/panelEnvironment';
import { getVsCodeApi } from './lib/vscodeApi';
import { mountReview } from './review/reviewApp';
import type { ReviewState } from './review/reviewState';

const api = getVsCodeApi<ReviewWebviewMessage, ReviewState>();
const panel = mountReview(appRoot(document), { win: window, api });
onHostMessage<ReviewHostMessage>(window, 'review/', (message) => panel.handle(message));
// Only now can the host's replay be received.
api.postMessage({ type: 'ready' });
