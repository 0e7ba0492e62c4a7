// A flood from one chat slows that chat, not the service: past the burst, one chat's messages are not
// handled (it is told once), while another chat is answered as usual.
import { waitFor } from "../support/waitFor.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFloodGuard } from "../../src/dialogs/floodGuard.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

describe("per-sender flood limit", () => {
  it("lets a burst through, then one message per refill, and says so once a minute", () => {
    const g = createFloodGuard({ burst: 3, refillMs: 1000, noticeEveryMs: 60_000 });
    const t0 = 1_000_000;
    expect([0, 1, 2].map((i) => g.check("a", t0 + i))).toEqual(["handle", "handle", "handle"]);
    expect(g.check("a", t0 + 3)).toBe("notify");
    expect(g.check("a", t0 + 4)).toBe("drop");
    expect(g.check("b", t0 + 4)).toBe("handle"); // another chat is not affected
    expect(g.check("a", t0 + 1004)).toBe("handle"); // a token back after a second
    expect(g.check("a", t0 + 1005)).toBe("drop");
  });

  describe("through the service", () => {
    let w: TelegramWorld;
    const flooder: FakeUser = { id: 9611, first_name: "F" };
    const calm: FakeUser = { id: 9612, first_name: "C" };
    beforeAll(async () => {
      w = await startTelegramWorld({ env: { INBOUND_BURST: "5", INBOUND_PER_MINUTE: "6" } });
    });
    afterAll(async () => w?.close());

    it("a flooding chat gets its burst answered and one notice; a calm chat is answered", async () => {
      for (let i = 0; i < 30; i++) w.fake.userSends(flooder, `spam ${i}`);
      w.fake.userSends(calm, "/start");
      await w.waitForMessage(calm, /Apakah Anda setuju/);
      await w.waitForMessage(flooder, /terlalu cepat/);
      // Every update handled (each marks itself processed in its own transaction), then everything queued sent.
      await waitFor("all 31 updates handled", async () => (await w.app.db.prisma.processedInbound.count()) >= 31, 10_000);
      await waitForOutboxSettled(w.app.db.prisma, { address: String(flooder.id) });
      const toFlooder = w.fake.sentTo(flooder.id);
      expect(toFlooder.filter((m) => /terlalu cepat/.test(m.text ?? ""))).toHaveLength(1);
      expect(toFlooder.length).toBeLessThanOrEqual(5 + 1);
      expect(await w.app.db.prisma.auditEvent.count({ where: { type: "inbound_flood" } })).toBe(25);
    });

    it("refuses an over-long message politely without handling it", async () => {
      const long: FakeUser = { id: 9613, first_name: "L" };
      w.fake.userSends(long, "x".repeat(12_000));
      await w.waitForMessage(long, /terlalu panjang/);
      expect(await w.app.db.prisma.dialogState.count({ where: { address: String(long.id) } })).toBe(0);
    });
  });
});
