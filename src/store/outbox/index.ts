// The outbox's one owner: every outgoing chat message is a row here, written in the transaction of the change
// that caused it and sent by src/notify/outboxDispatcher.ts. Nothing outside this folder (and the migrations)
// reads or writes the table or parses a payload.
export { readPayload, readPayloadOrNull } from "./outboxPayload.ts";
export {
  BATCH_KEYS,
  isQueued,
  queuedKeysStartingWith,
  queueMessage,
  queueToPerson,
  unqueueMessage,
  URGENT_PRIORITY,
  type QueuedMessage,
} from "./queueMessage.ts";
export { rewriteMessage, takeKeyboardOff } from "./rewriteMessage.ts";
export { closeStepTasks, withdrawUnsentTasks } from "./stepTaskCopies.ts";
export { caseIdRepliedTo, messagesRepliedTo, subjectOfQuoted } from "./replyTargets.ts";
export { latestSentMessages, type SentMessage } from "./sentMessages.ts";
export { eraseCaseMessages, eraseChatMessages, eraseMessagesAbout } from "./eraseMessages.ts";
export { dispatchQueue, type Chat, type DispatchQueue, type OutboxRow } from "./dispatchQueue.ts";
