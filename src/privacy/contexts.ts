// The columns that hold personal data and are encrypted at rest, by their context string ("Model.column").
// The context is bound into every ciphertext, so these strings are part of the stored data: never rename
// one (a renamed context no longer decrypts the rows written under the old one).

/** Each encrypted column's context and whether it holds text or bytes; use these, not string literals. */
export const ENCRYPTION_CONTEXTS = {
  "Case.intakeJson": "text",
  "Message.text": "text",
  "StepRun.note": "text",
  "DialogState.stateJson": "text",
  "Outbox.payloadJson": "text",
  "InboundQueue.messageJson": "text",
  "PurgeRequest.targetJson": "text",
  "Person.displayName": "text",
  "StoredFile.name": "text",
  "CounsellorCalendar.refreshToken": "text",
  /** Every chat address column (ChannelIdentity, Outbox, DialogState, InboundQueue, ChatMenu, ChannelContact): one kind of value, copied between them. */
  "Chat.address": "text",
  "Message.attachJson": "text",
  "Appointment.meetUrl": "text",
  "Appointment.meetingCode": "text",
  "InviteCode.usedBy": "text",
  /** The WhatsApp login session, Signal keys and sent messages kept for retry receipts (src/channels/whatsapp/databaseAuthState.ts). */
  "WhatsAppAuthKey.value": "text",
  "Document.content": "bytes",
  "StoredFile.bytes": "bytes",
} as const satisfies Record<string, "text" | "bytes">;

/** One of the context strings above. */
export type EncryptionContext = keyof typeof ENCRYPTION_CONTEXTS;
