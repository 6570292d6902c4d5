export { registerChat, askInChat, replyInChat, CHAT_COMMANDS } from './registerChat';
export type { ChatOptions, FindingQuestion } from './chatViewProvider';
