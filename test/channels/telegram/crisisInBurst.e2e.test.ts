// A client with an open case sends 40 messages at once (forwarding the screenshots of the chats they are bullied in),
// with a crisis phrase in the 30th, through the real dispatcher with Telegram's own limits (one message a second to a
// chat) and a per-sender pace of 10 at once, then 5 a second. Nothing is dropped: every message reaches the
// counsellor, in order, combined into far fewer Telegram messages than 40. The crisis alert does not wait behind the
// burst: it reaches the counsellor and the Kepala Unit, and the hotline the client, within seconds, ahead of the
// relayed messages that came before it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../../fakes/telegramBotApi.ts";
import { restartTelegramWorld, type RestartedService } from "../../support/restartTelegramWorld.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";
import { waitFor } from "../../support/waitFor.ts";

const counsellor: FakeUser = { id: 7401, first_name: "Sari" };
const kepala: FakeUser = { id: 7402, first_name: "Kepala" };
const client: FakeUser = { id: 7403, first_name: "Rina" };

/** Generous: a correctness bound measured with the test's own clock, not a performance target (see bench/). */
const WITHIN_MS = 5000;
const BURST = 40;
const CRISIS_AT = 30;
const textOf = (n: number) => (n === CRISIS_AT ? `pesan ke-${n}: rasanya saya ingin mati saja` : `pesan ke-${n} tangkapan layar`);

describe("Telegram: a 40-message burst with a crisis phrase in message 30", () => {
  let w: TelegramWorld;
  let restarted: RestartedService;
  let caseNo: number;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(counsellor, { roles: ["konselor"], name: "Sari" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    caseNo = await w.registerPraja(client, { keluhan: ["Saya dirundung teman seangkatan."] });
    // Telegram's limits on (the sender's own: no override), a pace that holds most of the burst back.
    restarted = await restartTelegramWorld(w, { env: { INBOUND_BURST: "10", INBOUND_PER_MINUTE: "300" }, service: { dispatcher: { pollMs: 50 } } });
  }, 60_000);
  afterAll(async () => {
    await restarted?.stop();
    await w?.close();
  });

  /** When the fake Bot API received the bot's first message to `user` after `after` matching `pattern`. */
  const arrival = (user: FakeUser, pattern: RegExp) =>
    w.fake.callsOf("sendMessage").find((c) => !c.failed && String(c.params.chat_id) === String(user.id) && pattern.test(String(c.params.text ?? "")))?.at;

  it("relays all 40 in order, combined, and the alert and the hotline go out within seconds, ahead of the burst", async () => {
    const before = { counsellor: w.count(counsellor), kepala: w.count(kepala), client: w.count(client) };
    let crisisSentAt = 0;
    for (let n = 1; n <= BURST; n++) {
      if (n === CRISIS_AT) crisisSentAt = Date.now();
      w.fake.userSends(client, textOf(n));
    }

    const alert = await w.waitForMessage(counsellor, new RegExp(`PERINGATAN KRISIS — Kasus #${caseNo}`), { after: before.counsellor, timeoutMs: 20_000 });
    expect(alert.text).toContain(textOf(CRISIS_AT));
    await w.waitForMessage(kepala, new RegExp(`PERINGATAN KRISIS — Kasus #${caseNo}`), { after: before.kepala, timeoutMs: 20_000 });
    await w.waitForMessage(client, /SEJIWA 119 ext\. 8/, { after: before.client, timeoutMs: 20_000 });
    const took = {
      counsellor: arrival(counsellor, /PERINGATAN KRISIS/)! - crisisSentAt,
      kepala: arrival(kepala, /PERINGATAN KRISIS/)! - crisisSentAt,
      hotline: arrival(client, /SEJIWA/)! - crisisSentAt,
    };
    expect(took.counsellor, `the alert reached the counsellor after ${took.counsellor} ms`).toBeLessThan(WITHIN_MS);
    expect(took.kepala, `the alert reached the Kepala Unit after ${took.kepala} ms`).toBeLessThan(WITHIN_MS);
    expect(took.hotline, `the hotline reached the client after ${took.hotline} ms`).toBeLessThan(WITHIN_MS);

    // Every message reaches the counsellor: 39 relayed, and the 30th in the alert itself (not relayed twice).
    const toCounsellor = () =>
      w.fake
        .sentTo(counsellor.id)
        .slice(before.counsellor)
        .map((m) => m.text ?? "");
    const relayed = (n: number) => toCounsellor().findIndex((text) => text.includes(textOf(n)) && !/PERINGATAN KRISIS/.test(text));
    await waitFor(
      "all 39 other messages relayed to the counsellor",
      () => Array.from({ length: BURST }, (_, i) => i + 1).every((n) => n === CRISIS_AT || relayed(n) >= 0),
      60_000,
    );
    const all = toCounsellor().join("\n\n");
    const positions = Array.from({ length: BURST }, (_, i) => i + 1)
      .filter((n) => n !== CRISIS_AT)
      .map((n) => all.indexOf(textOf(n)));
    expect(
      positions.every((p, i) => p >= 0 && (i === 0 || p > positions[i - 1]!)),
      "relayed in the order sent",
    ).toBe(true);
    expect(toCounsellor().filter((text) => text.includes(textOf(CRISIS_AT)))).toHaveLength(1);

    // The alert is not queued behind the burst: it goes out before any relay queued after it (every message after the
    // 30th; what was queued before it and not sent yet waits behind it too), whatever the pace held back.
    const alertIndex = toCounsellor().findIndex((text) => /PERINGATAN KRISIS/.test(text));
    expect(alertIndex).toBeLessThan(relayed(CRISIS_AT + 1));
    // As few Telegram messages as the length allows: far fewer than one per message.
    expect(toCounsellor().length).toBeLessThan(BURST / 2);

    // Slowed, not refused: the messages the pace held back were kept (the client told so at most once), none refused.
    expect(await restarted.app.db.prisma.auditEvent.count({ where: { type: "inbound_kept" } })).toBeGreaterThan(0);
    const toClient = w.fake
      .sentTo(client.id)
      .slice(before.client)
      .map((m) => m.text ?? "");
    expect(toClient.filter((text) => /kami proses berurutan/.test(text)).length).toBeLessThanOrEqual(1);
    expect(toClient.some((text) => /tidak kami proses/.test(text))).toBe(false);
    expect(await restarted.app.db.prisma.inboundQueue.count()).toBe(0);
  }, 90_000);
});
