// How a channel runs, apart from what it is (channelModule.ts): what it is given when it starts, what it hands
// back to the service, and what it does when the configuration leaves it off. Each channel's starter lives in its
// folder and is listed in channelStarters.ts; only the service (src/app/startService.ts) reads that list.
import type { FastifyInstance } from "fastify";
import type { App } from "../app/openApp.ts";
import type { DialogSettings } from "../dialogs/dialogContext.ts";
import type { InboundOutcome } from "../dialogs/handleInbound.ts";
import type { Logger } from "../logger.ts";
import type { AlertAdmins } from "../notify/adminAlerts.ts";
import type { ChannelSender } from "../notify/channelSender.ts";
import type { FileStore, StoredFile } from "../notify/fileStore.ts";
import type { ChannelSeams } from "./channelModule.ts";
import type { InboundMessage } from "./inboundMessage.ts";

/** Everything a channel may use while it starts. */
export interface ChannelStartContext {
  app: App;
  /** The product's HTTP server, not listening yet: routes may be added. */
  http: FastifyInstance;
  /** Where attachment bytes live (shared by every channel; it can fetch another channel's files). */
  fileStore: FileStore;
  /** Hands a neutral message to the dialogs. */
  handleInbound(msg: InboundMessage): Promise<InboundOutcome>;
  alertAdmins: AlertAdmins;
  /** The service clock. */
  clock: () => Date;
  log: Logger;
  /** Something was queued in the outbox outside a dialog turn: send it now rather than at the next poll. */
  kickOutbox(): void;
  seams: ChannelSeams;
  /** Whether a channel that is not a stand-in is configured as well. */
  othersWanted: boolean;
}

/** A started channel, as the service keeps it. */
export interface RunningChannel {
  sender: ChannelSender;
  /** The live reason shown on /healthz and the start-up line ("listening (IMAP IDLE)"). */
  status(): string;
  /** A route to serve on the product's HTTP server (a platform's webhook). */
  webhook?: { path: string; handle(headers: Record<string, string | string[] | undefined>, body: unknown): Promise<number> };
  /** The bytes of a file people sent on this platform, by the part of its ref after "<channel id>:". */
  downloadFile?(fileId: string): Promise<StoredFile>;
  /** Settings this channel adds to the dialogs' (a link to the bot, offered to people on other channels). */
  dialogSettings?: Partial<DialogSettings>;
  stop(): Promise<void>;
}

/** How one channel starts (platform libraries are imported inside start, so loading the list costs nothing). */
export interface ChannelStarter<Running extends RunningChannel = RunningChannel> {
  start(context: ChannelStartContext): Promise<Running>;
  /** Runs when the channel stays off at start; returns the reason to show instead of the planned one. */
  stayOff?(context: { app: App }): Promise<string | undefined>;
}
