// Test-only hooks shared by the host and the webviews. Off unless the browser tests switch them on.

/**
 * Environment variable the browser tests set for the extension host: every webview page it renders then
 * records the host messages it receives (see src/webview/lib/hostMessages.ts).
 */
export const RECORD_WEBVIEW_MESSAGES_ENV = 'CLAUDE_MULTI_AGENT_E2E_RECORD_WEBVIEW_MESSAGES';
/** Body attribute that switches the recording on in a webview page. */
export const RECORD_HOST_MESSAGES_ATTRIBUTE = 'data-record-host-messages';
/** Window property holding the recorded messages, in arrival order. */
export const RECORDED_HOST_MESSAGES = '__recordedHostMessages';
