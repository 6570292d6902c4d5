// Follow-up chat, editor-independent: per-file threads, their persistence and their system block.
export { ThreadStore, capTurns, threadProblem } from './threadStore';
export type { KeyValueStore, StoredThread, StoredTurn, ThreadStoreOptions, TurnStatus } from './threadStore';
export { ChatSession, ChatSessions, ChatBusyError, historyFromTurns, historyNotice } from './chatSession';
export type { ChatRuntime, ChatSendOptions, ChatSendResult, ChatTurnStatus } from './chatSession';
export { gatherFileContext, describeFileContext } from './fileContext';
export type { FileContext, FileContextInput } from './fileContext';
export { buildChatPrompt, buildChatSystem, formatFindings, reviewPrefixFor } from './chatSystem';
export type { ChatFinding, ChatPrompt, ChatSystemInput } from './chatSystem';
export { TextBatcher } from './textBatcher';
export type { TextBatcherOptions } from './textBatcher';
export { apiToolName, runTurn, toApiMessages } from './editorChatTurn';
export type { TurnInput, TurnMessage, TurnPart, TurnTool } from './editorChatTurn';
export { FollowUpChat, BUSY_NOTICE, NO_API_KEY_NOTICE } from './followUpChat';
export type {
  AskHooks,
  ChatConnection,
  ChatEvent,
  ChatTarget,
  FollowUpChatPorts,
  ThreadSnapshot,
} from './followUpChat';
export { findingDraft, FINDING_QUESTION, type DraftedFinding } from './findingDraft';
