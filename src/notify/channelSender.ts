// What a channel adapter offers the outbox: send one neutral message to one address.
import type { Channel } from "../channels/inboundMessage.ts";
import type { ParsedOutboundMessage } from "./outboundMessage.ts";
import { FileMissingError } from "./fileStore.ts";
import type { RateLimits } from "./sendRateLimiter.ts";

export interface SentMessage {
  /** The platform's id of the message that carries the buttons (the last part, when text was split). */
  platformId: string;
}

/** A channel's sending half. Throws DeliveryError for anything the outbox must treat specially. */
export interface ChannelSender {
  readonly channel: Channel;
  /** The platform's own limits, kept when the service sets no pace for the channel. */
  readonly limits?: RateLimits;
  /**
   * The longest text the platform takes as one message. Where it is set, a burst of plain messages waiting for the
   * same chat under one batch key (a client's messages to their counsellor) goes out combined up to this length.
   */
  readonly maxTextLength?: number;
  /** Whether an address is a group chat (paced by the group interval). */
  isGroupChat?(address: string): boolean;
  send(address: string, message: ParsedOutboundMessage): Promise<SentMessage>;
}

/**
 * Why a delivery failed, by cause (the outbox decides on the cause, never on the message text):
 * - rate_limited: the platform asked us to wait (Telegram 429 retry_after); retry after `retryAfterMs`.
 * - blocked: the person blocked the bot or the address no longer exists; recorded on the person, not retried.
 * - transient: network failure or 5xx; retried with backoff.
 * - rejected: the platform refused this message for good (400 bad request...); keep method, code, description.
 * - attachment_missing: a file the message carries is gone (erased); the outbox sends the text without it.
 */
export type DeliveryFailure = "rate_limited" | "blocked" | "transient" | "rejected" | "attachment_missing";

export class DeliveryError extends Error {
  constructor(
    readonly kind: DeliveryFailure,
    message: string,
    readonly details: { retryAfterMs?: number; method?: string; code?: number | string; description?: string } = {},
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

/** The DeliveryError for a failed attachment load: attachment_missing when the file is gone, else `otherwise`. */
export function attachmentLoadError(error: unknown, otherwise: DeliveryError): DeliveryError {
  if (error instanceof FileMissingError) return new DeliveryError("attachment_missing", error.message, { method: "fileStore.load" });
  return otherwise;
}
