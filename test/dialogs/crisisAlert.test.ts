// Who hears of a crisis phrase (src/dialogs/crisisAlert.ts), over the real telegraf client and the fake Bot API:
// the case's counsellor when there is one, else the available counsellors, else every counsellor; the crisis
// roles (the Kepala Unit) are told without the client's words; someone holding both is told once; the client
// gets the hotline; the audit counts who was alerted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitForOutboxSettled } from "../support/outboxSettled.ts";

const sari: FakeUser = { id: 8401, first_name: "Sari" };
const tono: FakeUser = { id: 8402, first_name: "Tono" };
const rangkap: FakeUser = { id: 8403, first_name: "Rangkap" };
const kepala: FakeUser = { id: 8404, first_name: "Kepala" };
const staf: FakeUser = { id: 8405, first_name: "Staf" };
const counsellors = [sari, tono, rangkap];

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");

describe("crisisAlert", () => {
  let w: TelegramWorld;
  const ids = new Map<string, FakeUser>();
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => NOW } });
    ids.set(await w.linkStaff(sari, { roles: ["konselor"], name: "Sari" }), sari);
    ids.set(await w.linkStaff(tono, { roles: ["konselor"], name: "Tono" }), tono);
    ids.set(await w.linkStaff(rangkap, { roles: ["konselor", "kepala_unit"], name: "Rangkap" }), rangkap);
    ids.set(await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala" }), kepala);
    ids.set(await w.linkStaff(staf, { roles: ["staf"], name: "Staf" }), staf);
  }, 60_000);
  afterAll(async () => w?.close());

  const staff = [sari, tono, rangkap, kepala, staf];
  /** A client writes `text`; once the hotline is back and every queued message sent, what each staff member got. */
  async function crisis(client: FakeUser, text: string) {
    const before = new Map(staff.map((u) => [u.id, w.count(u)]));
    await w.say(client, text, /SEJIWA 119 ext\. 8/);
    await waitForOutboxSettled(w.app.db.prisma);
    const got = new Map(
      staff.map((u) => [
        u,
        w.fake
          .sentTo(u.id)
          .slice(before.get(u.id))
          .filter((m) => /PERINGATAN KRISIS/.test(m.text ?? "")),
      ]),
    );
    const { personId } = await w.app.db.prisma.channelIdentity.findFirstOrThrow({ where: { channel: "telegram", address: String(client.id) } });
    const audit = await w.app.db.prisma.auditEvent.findFirstOrThrow({ where: { type: "crisis_alert", actorId: personId } });
    return { got, audit: JSON.parse(audit.dataJson) as Record<string, unknown> };
  }
  const alerted = (got: Map<FakeUser, unknown[]>) => staff.filter((u) => got.get(u)!.length > 0).map((u) => u.first_name);
  const setAvailable = async (user: FakeUser, on: boolean) =>
    w.say(user, on ? "/tersedia" : "/tidaktersedia", on ? /Anda tersedia/ : /tidak menerima kasus baru/);

  it("before any case, every available counsellor gets the client's words; the Kepala Unit gets the alert without them", async () => {
    const { got } = await crisis({ id: 8501, first_name: "Maya" }, "Saya ingin mati saja.");
    expect(alerted(got)).toEqual(["Sari", "Tono", "Rangkap", "Kepala"]);
    for (const u of counsellors) {
      const [alert] = got.get(u)!;
      expect(alert!.text).toMatch(/PERINGATAN KRISIS — klien yang sedang mendaftar[\s\S]*Saya ingin mati saja\./);
      expect(buttonsOf(alert!).map((b) => b.text)).toEqual(["Lanjutkan pendaftaran klien"]);
    }
    const [toHead] = got.get(kepala)!;
    expect(toHead!.text).not.toContain("ingin mati");
    expect(buttonsOf(toHead!)).toEqual([]);
  });

  it("someone who is both a counsellor and a crisis role is alerted once, as the counsellor", async () => {
    const { got, audit } = await crisis({ id: 8502, first_name: "Rina" }, "aku mau bunuh diri");
    expect(got.get(rangkap)).toHaveLength(1);
    expect(got.get(rangkap)![0]!.text).toContain("aku mau bunuh diri");
    expect(audit).toEqual({ counsellors: 3, leaders: 1, handles: 4 }); // the fact, not the words
  });

  it("only the available counsellors are alerted while some are available", async () => {
    await setAvailable(tono, false);
    await setAvailable(rangkap, false);
    const { got, audit } = await crisis({ id: 8503, first_name: "Dodi" }, "ingin mati");
    // Rangkap is no counsellor to alert now, but still a crisis role.
    expect(alerted(got)).toEqual(["Sari", "Rangkap", "Kepala"]);
    expect(got.get(rangkap)![0]!.text).not.toContain("ingin mati");
    expect(audit).toMatchObject({ counsellors: 1, leaders: 2, handles: 3 });
  });

  it("when no counsellor is available, every counsellor is alerted", async () => {
    await setAvailable(sari, false);
    const { got, audit } = await crisis({ id: 8504, first_name: "Eko" }, "ingin mati");
    expect(alerted(got)).toEqual(["Sari", "Tono", "Rangkap", "Kepala"]);
    expect(audit).toMatchObject({ counsellors: 3, leaders: 1, handles: 4 });
    for (const u of counsellors) await setAvailable(u, true);
  });

  it("on an open case only its counsellor is alerted, with the case number and no resume button", async () => {
    const praja: FakeUser = { id: 8505, first_name: "Fajar" };
    const caseNo = await w.registerPraja(praja);
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo } });
    const own = ids.get(c.counsellorId!)!;
    const { got, audit } = await crisis(praja, "kadang terpikir bunuh diri");
    const leaders = own === rangkap ? ["Kepala"] : ["Rangkap", "Kepala"];
    expect(alerted(got)).toEqual(staff.filter((u) => u === own || leaders.includes(u.first_name)).map((u) => u.first_name));
    const [alert] = got.get(own)!;
    expect(alert!.text).toMatch(new RegExp(`PERINGATAN KRISIS — Kasus #${caseNo}[\\s\\S]*kadang terpikir bunuh diri`));
    expect(buttonsOf(alert!)).toEqual([]);
    expect(audit).toMatchObject({ counsellors: 1, leaders: leaders.length, handles: 1 + leaders.length });
  });
});
