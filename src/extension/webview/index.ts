export { renderWebviewHtml, webviewOptions, getNonce, type WebviewHtmlOptions, type WebviewScript } from './html';
export { buildWebviewHtml, contentSecurityPolicy, type WebviewHtmlParts } from './html-template';
export { UpdateBatcher, mergeSectionUpdate, isTerminalStatus, type UpdateBatcherOptions } from './updateBatcher';
export { createWebviewChannel, type WebviewChannel } from './messaging';
