export { renderWebviewHtml, webviewOptions, getNonce, type WebviewHtmlOptions, type WebviewScript } from './html';
export { buildWebviewHtml, contentSecurityPolicy, type WebviewHtmlParts } from './html-template';
export { UpdateBatcher, mergeSectionUpdate, isTerminalStatus, type UpdateBatcherOptions } from './updateBatcher';
export { WebviewHost, describeMessage, type WebviewHostOptions, type HostedWebview } from './webviewHost';
export { openPanel, hostView, type PanelOptions } from './openWebview';
export { openModelLink, runContentAction, type ContentAction } from './openLink';
