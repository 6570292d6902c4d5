// The browser end-to-end harness: see test/e2e/README.md.
export * from './paths.js';
export * from './processes.js';
export * from './extension.js';
export * from './codeServer.js';
export * from './simulator.js';
export * from './workbench.js';
export * from './session.js';
export * from './userSettings.js';
