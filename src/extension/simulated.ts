/** Set by `npm start` when no key is given: answers come from the local simulator. */
export const isSimulated = (): boolean => process.env['CLAUDE_MULTI_AGENT_SIMULATED'] === '1';
