export { registerChat, askInChat, CHAT_COMMANDS } from './registerChat';
export type { ChatOptions, FindingQuestion } from './chatViewProvider';
