// What an outbox row carries: a neutral OutboundMessage, stored as JSON (encrypted at rest). Every read of a
// payload goes through readPayload, which checks it against outboundMessageSchema: a row written by an older
// release, or erased, is checked when it is read, never cast.
import { outboundMessageSchema, type OutboundMessage, type ParsedOutboundMessage } from "../../notify/outboundMessage.ts";

/** The stored form of a message. */
export function payloadOf(message: OutboundMessage): string {
  return JSON.stringify(message);
}

/** The message a row carries, checked; throws when the stored text is not one (the dispatcher retries, then gives up). */
export function readPayload(row: { payloadJson: string }): ParsedOutboundMessage {
  return outboundMessageSchema.parse(JSON.parse(row.payloadJson));
}

/** readPayload, or null for a payload that is not a message: readers that only look (edits, lookups) skip the row. */
export function readPayloadOrNull(row: { payloadJson: string }): ParsedOutboundMessage | null {
  try {
    return readPayload(row);
  } catch {
    return null;
  }
}

/** What an erased row carries instead of its message. */
export const ERASED_PAYLOAD = payloadOf({ text: "[dihapus]", buttons: [], links: [], attachments: [] });
