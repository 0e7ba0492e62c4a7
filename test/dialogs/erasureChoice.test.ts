// The head of the unit confirming a client's erasure request (src/dialogs/erasureChoice.ts), over the real
// telegraf client and the fake Bot API: a press by anyone else is refused and audited and changes nothing; the
// head's press cancels the open case, erases the client and tells them once; a second head's press of their own
// copy afterwards is "already done".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";

const praja: FakeUser = { id: 8301, first_name: "Ana" };
const konselor: FakeUser = { id: 8302, first_name: "Sari" };
const kepala: FakeUser = { id: 8303, first_name: "Kepala" };
const wakil: FakeUser = { id: 8304, first_name: "Wakil" };

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("erasureChoice", () => {
  let w: TelegramWorld;
  let clientId: string;
  let caseNo: number;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => NOW } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(wakil, { roles: ["kepala_unit"], name: "Kepala Unit Kedua" });
    caseNo = await w.registerPraja(praja);
    clientId = (await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } })).clientId;
    await w.say(praja, "/hapus", /Permintaan penghapusan data Anda telah dicatat/);
  }, 60_000);
  afterAll(async () => w?.close());

  const request = (user: FakeUser) => w.waitForMessage(user, /Permintaan penghapusan data dari klien/);
  const confirmButton = async (user: FakeUser) => buttonsOf(await request(user)).find((b) => b.text === "Konfirmasi penghapusan")!;

  it("a press by someone who is not the head of the unit is refused, audited, and erases nothing", async () => {
    const button = await confirmButton(kepala);
    const before = w.count(konselor);
    w.fake.pushUpdate({
      callback_query: { id: "not-the-head", from: { id: konselor.id, is_bot: false, first_name: "Sari" }, chat_instance: "1", data: button.data },
    });
    const answer = await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === "not-the-head");
    expect(answer.params.text).toBe("Bukan wewenang Anda untuk langkah ini.");
    await w.waitForMessage(konselor, /^Bukan wewenang Anda untuk langkah ini\.$/, { after: before });
    const refused = await w.app.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "erasure_refused" } });
    expect(JSON.parse(refused.dataJson)).toEqual({ why: "not_head_of_unit" });
    expect((await w.app.db.prisma.person.findUniqueOrThrow({ where: { id: clientId } })).erasedAt).toBeNull();
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } })).status).toBe("open");
    // The head's own copy still has its button.
    expect(buttonsOf(await request(kepala)).map((b) => b.text)).toEqual(["Konfirmasi penghapusan"]);
  });

  it("the head's press cancels the open case, erases the client and tells the client once", async () => {
    const toPraja = w.count(praja);
    const done = await w.tap(kepala, "Konfirmasi penghapusan", /Data klien telah dihapus/);
    expect(done.text).toBe("Data klien telah dihapus (1 kasus dianonimkan; rekap tetap utuh).");
    await w.waitForMessage(praja, /Data pribadi Anda telah dihapus sesuai permintaan Anda/, { after: toPraja });
    expect((await w.app.db.prisma.person.findUniqueOrThrow({ where: { id: clientId } })).erasedAt).not.toBeNull();
    expect((await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } })).status).toBe("cancelled");
    const confirmed = await w.app.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "erasure_confirmed" } });
    expect(JSON.parse(confirmed.dataJson)).toEqual({ cases: 1, cancelled: 1 });
    await waitForOutboxSettled(w.app.db.prisma);
    expect(
      w.fake
        .sentTo(praja.id)
        .slice(toPraja)
        .map((m) => m.text),
    ).toEqual(["Data pribadi Anda telah dihapus sesuai permintaan Anda. Terima kasih telah menggunakan layanan ini."]);
    // The notice's dedupe key names the chat by its keyed hash (or, once scrubbed, by the row), never the chat id.
    const notices = await w.app.db.raw.outbox.findMany({ where: { dedupeKey: { startsWith: "erasure-notice:" } } });
    expect(notices.length).toBeGreaterThan(0);
    for (const n of notices) expect(n.dedupeKey).toMatch(new RegExp(`^erasure-notice:(done:\\S+|${clientId}:telegram:[0-9a-f]{64})$`));
  });

  it("a second head's press of their own copy afterwards is answered as already done", async () => {
    const toPraja = w.count(praja);
    const again = await w.tap(wakil, "Konfirmasi penghapusan", /sudah diproses/);
    expect(again.text).toBe("Permintaan ini sudah diproses atau tidak berlaku.");
    expect(await w.app.db.prisma.auditEvent.count({ where: { type: "erasure_confirmed" } })).toBe(1);
    await waitForOutboxSettled(w.app.db.prisma);
    expect(w.count(praja)).toBe(toPraja);
  });
});
