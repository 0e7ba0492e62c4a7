// Our small WhatsApp socket: what the channel needs from a WhatsApp Web connection, in our own types.
// baileys sits behind it (baileysSocket.ts), so the channel, the sender and the tests never depend
// on the library's surface, only on this.

/** Identifies one received message for read receipts (structurally what baileys calls a message key). */
export interface WhatsAppMessageKey {
  remoteJid: string;
  id: string;
  fromMe?: boolean;
  participant?: string;
}

/** A file to send; the bytes come from the FileStore. */
export interface OutgoingWhatsAppFile {
  kind: "image" | "document" | "audio" | "voice" | "video";
  bytes: Buffer;
  fileName?: string;
  mimeType?: string;
  caption?: string;
}

/** What the platform gave back for a sent message: its id, which a quoted reply names as stanzaId. */
export interface SentWhatsAppMessage {
  id: string;
}

/** Connection life: the integrator shows status and alerts the admin on `logged_out`. */
export type WhatsAppConnectionChange =
  | { state: "connecting" }
  | { state: "open" }
  | { state: "qr"; qr: string }
  | { state: "pairing_code"; code: string }
  | { state: "closed"; statusCode?: number; reconnectInMs?: number }
  | { state: "logged_out"; statusCode?: number }
  /** WhatsApp refused this connection in a way another attempt cannot fix: no reconnect, the admin must act. */
  | { state: "stopped"; statusCode: number; reason: WhatsAppStopReason };

/**
 * Why the connection stopped for good: `client_too_old` (405: WhatsApp no longer accepts this WhatsApp Web
 * version; update baileys or turn on WHATSAPP_FETCH_LATEST_VERSION), `connection_replaced` (440: another client,
 * e.g. a second instance, took over the session; reconnecting would only kick it out and be kicked in turn).
 */
export type WhatsAppStopReason = "client_too_old" | "connection_replaced";

/** A lid ↔ phone-number pairing the platform told us about (baileys 7 "lid-mapping.update"). */
export interface LidMapping {
  lid: string;
  pn: string;
}

/**
 * The connection as the channel sees it. Incoming messages stay raw (`unknown`): only the converter
 * (whatsappToInbound.ts) knows their shape, and it checks every field it reads.
 */
export interface WhatsAppSocket {
  /** Opens the connection (and keeps it open, reconnecting); resolves once the first attempt has started. */
  connect(): Promise<void>;
  /**
   * Raw messages from people, once each, in order: those received while connected (baileys "messages.upsert" of
   * type "notify") and those that arrived while we were offline, delivered on reconnect (type "append").
   */
  onMessages(listener: (messages: readonly unknown[]) => void): () => void;
  onConnectionChange(listener: (change: WhatsAppConnectionChange) => void): () => void;
  onLidMapping(listener: (mapping: LidMapping) => void): () => void;
  /** The phone-number jid behind a lid, from the mapping baileys keeps in the session (so it survives a restart). */
  phoneJidForLid(lid: string): Promise<string | undefined>;
  sendText(jid: string, text: string, options?: { quotedId?: string }): Promise<SentWhatsAppMessage>;
  sendFile(jid: string, file: OutgoingWhatsAppFile, options?: { quotedId?: string }): Promise<SentWhatsAppMessage>;
  /** Presence "composing" (true) or "paused" (false) in one chat, so a reply looks typed rather than fired. */
  setTyping(jid: string, typing: boolean): Promise<void>;
  /** Read receipts (blue ticks) for messages we have handled. */
  markRead(keys: readonly WhatsAppMessageKey[]): Promise<void>;
  /** The bytes of a received media message (image, document, audio, video). */
  downloadMedia(rawMessage: unknown): Promise<Buffer>;
  /** Closes the connection for good (no reconnect). */
  end(): Promise<void>;
}

/** Why a socket call failed, by cause; the sender turns it into a DeliveryError kind. */
export type WhatsAppSocketFailure = "closed" | "timeout" | "not_on_whatsapp" | "rate_limited" | "refused" | "failed";

/** A socket call failed; `kind` says whether waiting (closed, timeout) or giving up (not_on_whatsapp) is right. */
export class WhatsAppSocketError extends Error {
  constructor(
    readonly kind: WhatsAppSocketFailure,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = "WhatsAppSocketError";
  }
}
