// A bench for the dialogs' own tests: the real product (flows, keys, a fresh SQLite database) without channels or
// jobs, and one inbound message's Turn built as handleInbound builds it (one transaction, the sender looked up),
// so a module's exported function can be called on its own and its effects read back from the database: what it
// replied or queued (the outbox), what it stored, what it audited.
import { openApp, type App } from "../../../src/app/openApp.ts";
import { dialogDepsOf } from "../../../src/app/dialogDeps.ts";
import type { Channel, InboundMessage } from "../../../src/channels/inboundMessage.ts";
import type { DialogDeps, Turn } from "../../../src/dialogs/dialogContext.ts";
import { createLogger } from "../../../src/logger.ts";
import { issueInvite, redeemInvite } from "../../../src/store/inviteCodes.ts";
import { readPayload } from "../../../src/store/outbox/index.ts";
import { findSender } from "../../../src/store/senders.ts";
import { freshDatabase } from "../../support/databases.ts";
import { TEST_KEYS_ENV } from "../../support/testKeys.ts";

/** One queued message, as the person would read it. */
export interface Queued {
  id: string;
  channel: string;
  address: string;
  personId: string | null;
  caseId: string | null;
  batchKey: string | null;
  text: string;
  subject?: string;
  buttons: string[];
  attachments: string[];
}

export interface DialogBench {
  app: App;
  deps: DialogDeps;
  /** The clock every turn reads (the test moves it). */
  now: Date;
  /**
   * Runs `work` on one inbound message as handleInbound would: in one transaction, the sender looked up, `now`
   * from the bench's clock. Returns what `work` returned and the turn (its toast).
   */
  turn<T>(msg: Partial<InboundMessage> & { address: string }, work: (turn: Turn) => Promise<T>): Promise<{ result: T; turn: Turn }>;
  /** Everything queued to a chat (channel and address) or to a person, oldest first; only what came after `since` (a mark()) when given. */
  queued(to: { channel?: Channel; address?: string; personId?: string }, since?: Mark): Promise<Queued[]>;
  /** What is queued so far, to ask afterwards only for what a turn added. */
  mark(): Promise<Mark>;
  /** A staff member linked on Telegram at `address`, holding `roles` in `org` (default ipdn); returns their person id. */
  staff(p: { address: string; roles: string[]; name: string; org?: string }): Promise<string>;
  /** A registered client reached on Telegram at `address` (none: a client with no chat left); returns their person id. */
  client(p: { address?: string; org?: string; locale?: string; name?: string }): Promise<string>;
  close(): Promise<void>;
}

/** The outbox rows there were at a moment. */
export type Mark = ReadonlySet<string>;

let platformIds = 0;

export async function openDialogBench(p: { now: Date; env?: Record<string, string> }): Promise<DialogBench> {
  const target = await freshDatabase("sqlite");
  const app = await openApp({ env: { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent", ...TEST_KEYS_ENV, ...p.env } });
  const bench: DialogBench = {
    app,
    now: p.now,
    deps: dialogDepsOf(app, { clock: () => bench.now, log: createLogger("silent") }),
    async turn(m, work) {
      const msg: InboundMessage = {
        channel: "telegram",
        platformId: `m${++platformIds}`,
        text: "",
        attachments: [],
        references: [],
        receivedAt: bench.now,
        ...m,
      };
      return app.db.prisma.$transaction(async (tx) => {
        const turn: Turn = { deps: bench.deps, tx, msg, sender: await findSender(tx, msg.channel, msg.address), now: bench.now };
        const result = await work(turn);
        return { result, turn };
      });
    },
    async mark() {
      return new Set((await app.db.prisma.outbox.findMany({ select: { id: true } })).map((r) => r.id));
    },
    async queued(to, since) {
      const rows = await app.db.prisma.outbox.findMany({ where: to, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return rows
        .filter((row) => !since?.has(row.id))
        .map((row) => {
          const message = readPayload(row);
          return {
            id: row.id,
            channel: row.channel,
            address: row.address,
            personId: row.personId,
            caseId: row.caseId,
            batchKey: row.batchKey,
            text: message.text,
            subject: message.subject,
            buttons: message.buttons.map((b) => b.label),
            attachments: message.attachments.map((a) => a.ref),
          };
        });
    },
    async staff(s) {
      let personId: string | undefined;
      let code = "";
      for (const role of s.roles) {
        const invite = await issueInvite(app.db.prisma, { orgId: s.org ?? "ipdn", role, name: s.name, ttlHours: 24, now: bench.now, personId });
        personId = invite.personId;
        code = invite.code;
      }
      // One person holding every role: redeeming the last invite links the chat to them.
      const redeemed = await redeemInvite(app.db.prisma, { code, channel: "telegram", address: s.address, now: bench.now });
      if (!redeemed.ok) throw new Error(`staff ${s.name}: the invite was refused`);
      return personId!;
    },
    async client(c) {
      const person = await app.db.prisma.person.create({
        data: {
          kind: "client",
          clientKind: c.org === "puspaga" ? "klien" : "praja",
          orgId: c.org ?? "ipdn",
          locale: c.locale ?? "id",
          displayName: c.name ?? null,
        },
      });
      if (c.address) await app.db.prisma.channelIdentity.create({ data: { personId: person.id, channel: "telegram", address: c.address } });
      return person.id;
    },
    close: () => app.close(),
  };
  return bench;
}
