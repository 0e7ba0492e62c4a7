// The WhatsApp channel, wired: baileys (or a test's fake) behind our socket interface, its session (and with it the
// lid ↔ phone mapping, and our sent messages for retry receipts) kept encrypted in the database, numbered menus kept
// in the database, the write guard on who wrote first or is linked staff, and a connection that no reconnect can
// fix (logged out, client too old, replaced by a second instance) turned into an admin alert saying what to do.
import { createBaileysSocket, type MakeBaileysSocket } from "./baileysSocket.ts";
import type { Clock } from "./clock.ts";
import { databaseAuthState } from "./databaseAuthState.ts";
import { importAuthFolder } from "./importAuthFolder.ts";
import { startWhatsAppChannel as startChannel, type WhatsAppChannel as Channel } from "./whatsappChannel.ts";
import type { WhatsAppConnectionChange, WhatsAppSocket } from "./whatsappSocket.ts";
import type { RunningChannel } from "../channelStart.ts";
import type { InboundMessage } from "../inboundMessage.ts";
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import type { Logger } from "../../logger.ts";
import type { AlertAdmins } from "../../notify/adminAlerts.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import type { HashKey, Keyring } from "../../privacy/index.ts";
import { mayWriteTo } from "../../store/channelContacts.ts";
import type { Prisma } from "../../store/database.ts";
import { databaseMenuStore } from "./databaseMenuStore.ts";
import type { WhatsAppSettings } from "./whatsappSettings.ts";
import type { WhatsAppStopReason } from "./whatsappSocket.ts";

/** baileys with makeWASocket replaced (tests: the fake WhatsApp), everything else as in production. */
export interface WhatsAppBaileysSeam {
  makeSocket: MakeBaileysSocket;
  downloadMedia?: (rawMessage: unknown) => Promise<Buffer>;
  clock?: Clock;
}

/** What the admin is told when the connection stopped for good, and what to do. */
const STOP_ALERTS: Record<WhatsAppStopReason, string> = {
  client_too_old:
    "WhatsApp refused the service's WhatsApp Web version as too old (405). Nothing is sent or received on WhatsApp until it is fixed: update baileys (npm update @whiskeysockets/baileys) and deploy, or set WHATSAPP_FETCH_LATEST_VERSION=1, then restart the service.",
  connection_replaced:
    "Another client took over the service's WhatsApp session (440): is a second instance of the service running with the same number? This instance stopped using WhatsApp so the two do not keep kicking each other out. Stop the other one, then restart this one.",
};

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
  /** The keys the session is encrypted (values) and hashed (ids) with. */
  keys: { keyring: Keyring; hashKey: HashKey };
  /** Tests pass a socket driven by a fake; production builds the baileys one. */
  socket?: WhatsAppSocket;
  /** Tests replace only makeWASocket: the session store, the adapter and the channel are production's. */
  baileys?: WhatsAppBaileysSeam;
}): Promise<WhatsAppRuntime> {
  const { config, log } = p;
  let state = "connecting";
  const authState = databaseAuthState({ prisma: p.prisma, keyring: p.keys.keyring, hashKey: p.keys.hashKey, now: p.clock });
  if (!p.socket) {
    const imported = await importAuthFolder(config.authDir, authState);
    if (imported !== null) {
      log.warn({ keys: imported }, "copied the WhatsApp session folder (WHATSAPP_AUTH_DIR) into the database; it is no longer used: delete it");
    }
  }
  const socket =
    p.socket ??
    createBaileysSocket({
      authStore: authState,
      sentMessages: authState,
      pairingNumber: config.pairingNumber,
      fetchLatestVersion: config.fetchLatestVersion,
      logger: log,
      ...(p.baileys ?? {}),
    });
  const onConnectionChange = (change: WhatsAppConnectionChange) => {
    state =
      change.state === "qr"
        ? "waiting for login: scan the QR code printed in the terminal (WhatsApp > Linked devices)"
        : change.state === "pairing_code"
          ? "waiting for login: enter the pairing code printed in the terminal"
          : change.state === "logged_out"
            ? "logged out: restart the service to link the number again"
            : change.state === "stopped"
              ? `stopped (${change.statusCode} ${change.reason}): see the admin alert`
              : change.state;
  };
  const channel = await startChannel({
    socket,
    onInbound: async (msg) => {
      await p.handleInbound(msg);
    },
    fileStore: p.fileStore,
    menuStore: databaseMenuStore(p.prisma),
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
        text: "WhatsApp logged the service number out. Nothing is sent or received on WhatsApp until it is linked again: the saved session is cleared; restart the service and scan the QR code printed in the terminal (or use WHATSAPP_PAIRING_NUMBER).",
      }),
    onStopped: (reason) => p.alertAdmins({ key: `whatsapp-stopped:${reason}:${p.clock().toISOString().slice(0, 10)}`, text: STOP_ALERTS[reason] }),
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
