// The outbox settings reach the running service: OUTBOX_CLAIM_TIMEOUT_SECONDS decides when a message a
// dead process left "sending" is taken again, and OUTBOX_MAX_ATTEMPTS when a failing message is given up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { textMessage } from "../../src/notify/outboundMessage.ts";
import { queueMessage } from "../../src/store/outbox/index.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

describe("outbox settings from the environment", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { OUTBOX_CLAIM_TIMEOUT_SECONDS: "1", OUTBOX_MAX_ATTEMPTS: "2" } });
  }, 60_000);
  afterAll(async () => w?.close());

  const queue = (address: string, text: string) =>
    w.app.db.prisma.$transaction((tx) => queueMessage(tx, { channel: "telegram", address, message: textMessage(text) }));

  it("takes over a message a dead process left sending once OUTBOX_CLAIM_TIMEOUT_SECONDS has passed (not the default 120 s)", async () => {
    w.fake.userSends({ id: 8801, first_name: "a" }, "hi");
    // Queued and claimed by the dead process in one transaction, so the running dispatcher never sees it pending.
    await w.app.db.prisma.$transaction(async (tx) => {
      await queueMessage(tx, { channel: "telegram", address: "8801", message: textMessage("tertinggal oleh proses yang mati") });
      await tx.outbox.updateMany({
        where: { address: "8801" },
        data: { status: "sending", claimedBy: "dead-process", claimedAt: new Date(Date.now() - 3000) },
      });
    });
    await waitFor("the message delivered", () => w.fake.sentTo(8801).some((m) => m.text === "tertinggal oleh proses yang mati"), 15_000);
    await waitFor("the row marked sent", async () => (await w.app.db.prisma.outbox.findFirstOrThrow({ where: { address: "8801" } })).status === "sent", 15_000);
    expect(w.fake.sentTo(8801).filter((m) => m.text === "tertinggal oleh proses yang mati")).toHaveLength(1);
  });

  it("gives a failing message up after OUTBOX_MAX_ATTEMPTS tries (not the default 8)", async () => {
    w.fake.userSends({ id: 8802, first_name: "b" }, "hi");
    w.fake.handle("sendMessage", (params) => {
      if (String(params.chat_id) === "8802") throw new Error("server exploded");
      return undefined as never;
    });
    await queue("8802", "selalu gagal");
    await waitFor("the message given up", async () => (await w.app.db.prisma.outbox.count({ where: { address: "8802", status: "dead" } })) === 1, 15_000);
    expect(await w.app.db.prisma.outbox.findFirstOrThrow({ where: { address: "8802" } })).toMatchObject({ attempts: 2 });
  });
});
