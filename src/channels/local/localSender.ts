// Neutral OutboundMessage → the local page: the message is written to the pane's transcript (and pushed live
// to open pages), buttons keep only their opaque id and label, edits replace the earlier message in place.
// It runs behind the outbox like every other channel's sender, so local messages are just as durable.
import { DeliveryError, type ChannelSender } from "../../notify/channelSender.ts";
import type { ParsedOutboundMessage } from "../../notify/outboundMessage.ts";
import { newLocalMessageId, type LocalEntry, type LocalHub } from "./localHub.ts";

const DEFAULT_NAMES: Record<string, string> = { photo: "foto", voice: "pesan-suara", audio: "audio", video: "video", document: "lampiran" };

/** The part of a transcript entry an outgoing message decides (also used to rebuild transcripts from the outbox). */
export function entryContentOf(message: ParsedOutboundMessage): Pick<LocalEntry, "text" | "buttons" | "links" | "attachments"> {
  return {
    text: message.text,
    buttons: message.buttons.filter((b) => b.id).map((b) => ({ id: b.id!, label: b.label })),
    links: message.links.map((l) => ({ label: l.label, url: l.url })),
    attachments: message.attachments.map((a) => ({ kind: a.kind, name: a.name ?? DEFAULT_NAMES[a.kind] ?? "lampiran", mimeType: a.mimeType, ref: a.ref })),
  };
}

/** The "local" channel's sender for the outbox dispatcher. */
export function createLocalSender(hub: LocalHub, clock: () => Date = () => new Date()): ChannelSender {
  return {
    channel: "local",
    async send(address, message) {
      const content = entryContentOf(message);
      if (message.replaces && hub.edit(address, message.replaces, content)) return { platformId: message.replaces };
      if (!content.text && content.attachments.length === 0 && content.links.length === 0) {
        throw new DeliveryError("rejected", "local: an empty message (no text, attachment or link) cannot be shown", { method: "send" });
      }
      const id = newLocalMessageId("b");
      hub.append(address, { id, from: "bot", ...content, replyTo: message.replyTo, at: clock(), edited: false });
      return { platformId: id };
    },
  };
}
