// Drives Telegram chats straight through service.handleInbound (no polling, no waiting for delivery): a
// chat sends text or presses the button with a given choice value, and gets back the rows that message
// queued for it (a message kept to be handled later, such as an over-long one, is handled first). For the focused
// tests next to the fuzz tests.
import type { InboundMessage } from "../../../src/channels/inboundMessage.ts";
import { parseCommand } from "../../../src/channels/parseCommand.ts";
import type { Service } from "../../../src/app/startService.ts";
import { issueInvite, redeemInvite } from "../../../src/store/inviteCodes.ts";
import type { Prisma } from "../../../src/store/database.ts";
import { OutboxWatcher, rowsTo, type QueuedRow } from "./dialogProbe.ts";
import { handleNow } from "../../support/handleNow.ts";

export interface ChatDriver {
  /** The chat sends `text`; resolves with every row the message queued (to anyone). */
  say(chat: number, text: string, extra?: Partial<InboundMessage>): Promise<QueuedRow[]>;
  /** The chat presses the button whose choice value (or step outcome) starts with `value` on the latest message offering it. */
  press(chat: number, value: string): Promise<QueuedRow[]>;
  /** Links `chat` as staff of `org` with `roles` (invite codes issued and redeemed). */
  linkStaff(chat: number, p: { org: string; roles: string[]; name: string }): Promise<string>;
}

let update = 900_000;

export function chatDriver(service: () => Service, prisma: () => Prisma): ChatDriver {
  const watchers = new WeakMap<object, OutboxWatcher>();
  const watcher = () => {
    const client = prisma();
    let found = watchers.get(client);
    if (!found) {
      found = new OutboxWatcher(client);
      watchers.set(client, found);
    }
    return found;
  };
  async function send(msg: InboundMessage): Promise<QueuedRow[]> {
    await watcher().fresh();
    await handleNow(service(), prisma(), msg);
    return watcher().fresh();
  }
  const base = (chat: number) => ({
    channel: "telegram" as const,
    address: String(chat),
    platformId: `u${++update}`,
    text: "",
    attachments: [],
    references: [],
    receivedAt: new Date(),
  });
  return {
    say: (chat, text, extra = {}) => send({ ...base(chat), text, command: parseCommand(text), ...extra }),
    async press(chat, value) {
      const rows = await rowsTo(prisma(), String(chat));
      const button = rows
        .flatMap((r) => r.buttons)
        .reverse()
        .find((b) => (b.action.value ?? b.action.outcome ?? "").startsWith(value));
      if (!button)
        throw new Error(
          `chat ${chat} was offered no button "${value}"; last messages: ${rows
            .slice(-3)
            .map((r) => r.text.slice(0, 80))
            .join(" | ")}`,
        );
      return send({ ...base(chat), buttonId: button.id });
    },
    async linkStaff(chat, p) {
      let personId: string | undefined;
      for (const role of p.roles) {
        const invite = await issueInvite(prisma(), { orgId: p.org, role, name: p.name, ttlHours: 24, now: new Date(), personId });
        personId = invite.personId;
        const linked = await redeemInvite(prisma(), { code: invite.code, channel: "telegram", address: String(chat), now: new Date() });
        if (!linked.ok) throw new Error(`could not link chat ${chat}`);
      }
      return personId!;
    },
  };
}
