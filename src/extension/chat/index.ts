export { registerChat, replyInChat } from './registerChat';
export type { ChatOptions } from './chatPorts';
export type { FindingQuestion } from './findingQuestion';
