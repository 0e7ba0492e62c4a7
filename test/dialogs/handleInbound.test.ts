// The one entry point for every inbound message (src/dialogs/handleInbound.ts), over the real telegraf client and
// the fake Bot API: an update delivered twice is handled once; a button id nobody issued gets the "expired" toast
// and is audited; /start <invite code> links a staff member, and every bad code gets the same refusal.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("handleInbound", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => NOW } });
  });
  afterAll(async () => w?.close());

  const audits = (type: string) => w.app.db.prisma.auditEvent.findMany({ where: { type } });

  it("an update delivered twice is handled once", async () => {
    const sari: FakeUser = { id: 8101, first_name: "Sari" };
    await w.linkStaff(sari, { roles: ["konselor"], name: "Sari" });
    const before = w.count(sari);
    const update = w.fake.userSends(sari, "/tidaktersedia");
    w.fake.pushUpdate(update);
    // A later message of the same chat is handled after both copies (one chat, one at a time).
    await w.say(sari, "/tersedia", /Anda tersedia untuk kasus baru/);
    const delivered = w.fake.callsOf("getUpdates").flatMap((c) => (c.aborted ? [] : ((c.result ?? []) as { update_id: number }[])));
    expect(delivered.filter((u) => u.update_id === update.update_id)).toHaveLength(2);
    const answers = w.fake
      .sentTo(sari.id)
      .slice(before)
      .filter((m) => /tidak menerima kasus baru/.test(m.text ?? ""));
    expect(answers).toHaveLength(1);
    const changes = (await audits("availability_changed")).map((a) => a.dataJson).sort();
    expect(changes).toEqual(['{"available":false}', '{"available":true}']);
  });

  it("a button id nobody issued gets the expired toast, changes nothing and is audited", async () => {
    const stranger: FakeUser = { id: 8102, first_name: "Asing" };
    w.fake.pushUpdate({
      callback_query: { id: "forged-press", from: { id: stranger.id, is_bot: false, first_name: "Asing" }, chat_instance: "1", data: "no-such-button" },
    });
    const answer = await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === "forged-press");
    expect(answer.params.text).toBe("Tombol tidak dikenal atau sudah kedaluwarsa.");
    const refused = (await audits("button_refused")).map((a) => JSON.parse(a.dataJson) as Record<string, unknown>);
    expect(refused).toContainEqual({ why: "unknown_button", channel: "telegram" });
    // The press was answered after its transaction committed: no dialog was started for the stranger.
    expect(await w.app.db.prisma.dialogState.count({ where: { address: String(stranger.id) } })).toBe(0);
  });

  it("/start with a staff invite code links the chat to that person and role", async () => {
    const budi: FakeUser = { id: 8103, first_name: "Budi" };
    const invite = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role: "staf", name: "Budi Santoso", ttlHours: 24, now: NOW });
    const linked = await w.say(budi, `/start ${invite.code}`, /terhubung sebagai/);
    expect(linked.text).toContain("Budi Santoso");
    const identity = await w.app.db.prisma.channelIdentity.findFirstOrThrow({ where: { channel: "telegram", address: String(budi.id) } });
    expect(identity.personId).toBe(invite.personId);
  });

  it("an unknown, a used and an expired code all get the same refusal and link nobody", async () => {
    const used = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role: "staf", name: "Sekali Pakai", ttlHours: 24, now: NOW });
    await w.say({ id: 8104, first_name: "Pertama" }, `/start ${used.code}`, /terhubung sebagai/);
    const expired = await issueInvite(w.app.db.prisma, {
      orgId: "ipdn",
      role: "staf",
      name: "Kedaluwarsa",
      ttlHours: 1,
      now: new Date(NOW.getTime() - 2 * 3600_000),
    });
    const answers: (string | undefined)[] = [];
    for (const [i, code] of ["ZZZZ-0000-TIDAK-ADA", used.code, expired.code].entries()) {
      const user: FakeUser = { id: 8110 + i, first_name: "Coba" };
      answers.push((await w.say(user, `/start ${code}`, /Kode tidak dapat digunakan|terhubung sebagai|setuju/i)).text);
      expect(await w.app.db.prisma.channelIdentity.count({ where: { channel: "telegram", address: String(user.id) } })).toBe(0);
    }
    expect(answers).toEqual(Array(3).fill("Kode tidak dapat digunakan. Mintalah kode baru kepada admin."));
  });
});
