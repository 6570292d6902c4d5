export { registerChat, askInChat, replyInChat, CHAT_COMMANDS } from './registerChat';
export type { ChatOptions } from './chatPorts';
export type { FindingQuestion } from './findingQuestion';
