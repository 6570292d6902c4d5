// What makes a workbench `npm start`'s demo (scripts/start.mjs), shared with the browser tests that
// check the demo's first start: VS Code's own chat on, so `@experts` can be tried, and the environment
// variable that has the extension open its walkthrough (beside the Claude chat) on the first start.

/** On top of the quiet settings (codeServer.ts QUIET_SETTINGS). */
export const DEMO_SETTINGS: Readonly<Record<string, unknown>> = {
  'chat.disableAIFeatures': false,
};

/** For code-server and so the extension host. */
export const DEMO_ENV: Readonly<Record<string, string>> = {
  CLAUDE_MULTI_AGENT_DEMO: '1',
};
