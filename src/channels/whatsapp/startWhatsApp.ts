// The WhatsApp channel, wired: baileys (or a test's fake) behind our socket interface, numbered menus kept
// in the database, the write guard on who wrote first or is linked staff, and a logged-out number turned
// into an admin alert saying how to log in again.
import { createBaileysSocket } from "./baileysSocket.ts";
import { InMemoryLidMap } from "./lidMap.ts";
import { startWhatsAppChannel as startChannel, type WhatsAppChannel as Channel } from "./whatsappChannel.ts";
import type { WhatsAppConnectionChange, WhatsAppSocket } from "./whatsappSocket.ts";
import type { RunningChannel } from "../channelStart.ts";
import type { InboundMessage } from "../inboundMessage.ts";
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import type { Logger } from "../../logger.ts";
import type { AlertAdmins } from "../../notify/adminAlerts.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import { mayWriteTo } from "../../store/channelContacts.ts";
import type { Prisma } from "../../store/database.ts";
import { databaseMenuStore } from "./databaseMenuStore.ts";
import type { WhatsAppSettings } from "./whatsappSettings.ts";

export interface WhatsAppRuntime extends Channel, RunningChannel {
  /** The latest connection state, for /healthz and the start-up line. */
  status(): string;
}

export async function startWhatsApp(p: {
  config: WhatsAppSettings;
  prisma: Prisma;
  fileStore: FileStore;
  handleInbound(msg: InboundMessage): Promise<InboundOutcome>;
  alertAdmins: AlertAdmins;
  /** The service clock (the daily key of the logged-out alert). */
  clock: () => Date;
  log: Logger;
  /** Tests pass a socket driven by a fake; production builds the baileys one. */
  socket?: WhatsAppSocket;
}): Promise<WhatsAppRuntime> {
  const { config, log } = p;
  let state = "connecting";
  const socket = p.socket ?? createBaileysSocket({ authDir: config.authDir, pairingNumber: config.pairingNumber, logger: log });
  const onConnectionChange = (change: WhatsAppConnectionChange) => {
    state =
      change.state === "qr"
        ? "waiting for login: scan the QR code printed in the terminal (WhatsApp > Linked devices)"
        : change.state === "pairing_code"
          ? "waiting for login: enter the pairing code printed in the terminal"
          : change.state === "logged_out"
            ? `logged out: delete ${config.authDir} and restart to link the number again`
            : change.state;
  };
  const channel = await startChannel({
    socket,
    onInbound: async (msg) => {
      await p.handleInbound(msg);
    },
    fileStore: p.fileStore,
    menuStore: databaseMenuStore(p.prisma),
    lidMap: new InMemoryLidMap(),
    logger: log,
    limits: {
      perChatIntervalMs: config.limits.perChatIntervalMs,
      globalMinIntervalMs: config.limits.minIntervalMs,
      globalMaxPerWindow: config.limits.maxPerMinute,
      globalWindowMs: 60_000,
      typingMs: config.limits.typingMs,
    },
    mayWriteTo: (jid) => mayWriteTo(p.prisma, "whatsapp", jid),
    onLoggedOut: () =>
      p.alertAdmins({
        key: `whatsapp-logged-out:${p.clock().toISOString().slice(0, 10)}`,
        text: `WhatsApp logged the service number out. Nothing is sent or received on WhatsApp until it is linked again: stop the service, delete ${config.authDir}, start it and scan the QR code (or use WHATSAPP_PAIRING_NUMBER).`,
      }),
    onConnectionChange,
    sendReadReceipts: config.readReceipts,
    maxMediaBytes: config.maxMediaBytes,
    localeFor: async (jid) =>
      (
        await p.prisma.channelIdentity.findUnique({
          where: { channel_address: { channel: "whatsapp", address: jid } },
          select: { person: { select: { locale: true } } },
        })
      )?.person.locale,
  });
  return { ...channel, status: () => state };
}
