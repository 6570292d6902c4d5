export { registerChat, replyInChat } from './registerChat';
export type { ChatOptions, FindingQuestion } from './chatViewProvider';
