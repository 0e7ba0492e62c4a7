// Booking a session in chat (src/dialogs/sessionChoices.ts), over the real telegraf client and the fake Bot API,
// without Google Calendar (slots from working hours; the counsellor adds the Meet link with /link): only the client
// picks a slot; "Waktu lain" asks for more; a press of an offer no longer offered is stale; client and counsellor
// can move or cancel a booked session; /link checks its arguments, the URL, the case and that a session exists.
// The service clock is fixed on a working Monday morning; the session scheduler runs only when a test says so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatMessage, FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const sari: FakeUser = { id: 8801, first_name: "Sari" };
const budi: FakeUser = { id: 8802, first_name: "Budi" };
const kepala: FakeUser = { id: 8803, first_name: "Kepala" };
const tono: FakeUser = { id: 8804, first_name: "Tono" };

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");
const STALE = "Pilihan jadwal ini sudah tidak berlaku.";

describe("sessionChoices", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld({ service: { clock: () => NOW, sessions: { loop: false } } });
    await w.linkStaff(sari, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(budi, { roles: ["staf"], name: "Budi" });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
  }, 60_000);
  afterAll(async () => w?.close());

  const db = () => w.app.db.prisma;
  const caseIdOf = async (caseNo: number) => (await db().case.findUniqueOrThrow({ where: { number: caseNo } })).id;
  const task = (user: FakeUser, caseNo: number, step: RegExp) => w.waitForMessage(user, new RegExp(`Kasus #${caseNo} —[\\s\\S]*${step.source}`));
  /** The next message to `who` matching `expected` after `user` presses `label` on `message`. */
  async function pressOn(user: FakeUser, message: ChatMessage, label: string | RegExp, expected: RegExp, who = user) {
    const before = w.count(who);
    await w.press(user, label, message);
    return w.waitForMessage(who, expected, { after: before });
  }
  /** `user` presses `label` on `message`; resolves with the answer shown on the button (the toast). */
  async function toastOf(user: FakeUser, message: ChatMessage, label: string) {
    const button = buttonsOf(message).find((b) => b.text === label)!;
    const { callback_query } = w.fake.userPresses(user, message, button.data);
    return String((await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === callback_query.id)).params.text ?? "");
  }
  /** A callback press as `user` with `data` (a button they were never sent, or one already taken off); resolves with the toast. */
  async function pressAs(user: FakeUser, data: string, id: string) {
    w.fake.pushUpdate({ callback_query: { id, from: { id: user.id, is_bot: false, first_name: user.first_name }, chat_instance: "1", data } });
    return String((await w.fake.waitFor("answerCallbackQuery", (c) => c.params.callback_query_id === id)).params.text ?? "");
  }

  /** Registers `praja` and walks the case to step 5 (the counsellor's session); resolves with the case number. */
  async function toSessionStep(praja: FakeUser): Promise<number> {
    const n = await w.registerPraja(praja);
    await pressOn(budi, await task(budi, n, /Langkah 2:/), "Selesai", /Langkah 3: Konselor intake awal/, sari);
    await pressOn(sari, await task(sari, n, /Langkah 3: Konselor intake awal/), "Selesai", /Langkah 3: Rencana penanganan/);
    await pressOn(sari, await task(sari, n, /Langkah 3: Rencana penanganan/), "Selesai", /Tuliskan isi rencana/);
    await w.say(sari, "Konseling daring.", new RegExp(`Kasus #${n} —[\\s\\S]*Langkah 4`), kepala);
    await pressOn(kepala, await task(kepala, n, /Langkah 4/), "Setujui rencana penanganan", /Langkah 5: Menerima laporan dan membuat janji/, sari);
    return n;
  }
  async function offerTo(praja: FakeUser, caseNo: number, after = 0) {
    await w.service.sessions.runOnce();
    return w.waitForMessage(praja, new RegExp(`Kasus #${caseNo}: pilih jadwal sesi`), { after });
  }
  /** Books the first slot offered and waits for the booked session's card. */
  async function book(praja: FakeUser, caseNo: number) {
    const offer = await offerTo(praja, caseNo);
    const before = w.count(praja);
    await w.press(praja, buttonsOf(offer)[0]!.text, offer);
    await waitFor("the slot chosen", async () => (await db().sessionOffer.count({ where: { caseId: await caseIdOf(caseNo), status: "booking" } })) === 1);
    await w.service.sessions.runOnce();
    const card = await w.waitForMessage(praja, new RegExp(`Sesi konseling Kasus #${caseNo}:`), { after: before });
    return { card, appointment: await db().appointment.findFirstOrThrow({ where: { case: { number: caseNo }, status: "booked" } }) };
  }

  describe("choosing a slot", () => {
    const praja: FakeUser = { id: 8901, first_name: "Ana" };
    let caseNo: number;
    let offer: ChatMessage;
    beforeAll(async () => {
      caseNo = await toSessionStep(praja);
      offer = await offerTo(praja, caseNo);
    }, 60_000);

    it("/link before any session is booked says the case has none", async () => {
      await w.say(sari, `/link ${caseNo} https://meet.google.com/abc-defg-hij`, new RegExp(`^Kasus #${caseNo} belum punya jadwal sesi\\.$`));
    });

    it("a slot pressed by anyone but the client is stale and books nothing", async () => {
      const slot = buttonsOf(offer)[0]!;
      expect(await pressAs(sari, slot.data, "slot-by-counsellor")).toBe(STALE);
      expect((await db().sessionOffer.findFirstOrThrow({ where: { caseId: await caseIdOf(caseNo) } })).status).toBe("offered");
    });

    it('"Waktu lain" asks for the next page of slots, which the scheduler then offers', async () => {
      const first = await db().sessionOffer.findFirstOrThrow({ where: { caseId: await caseIdOf(caseNo) } });
      const before = w.count(praja);
      expect(await toastOf(praja, offer, "Waktu lain")).toBe("");
      expect((await db().sessionOffer.findUniqueOrThrow({ where: { id: first.id } })).status).toBe("pending");
      expect((await db().sessionOffer.findUniqueOrThrow({ where: { id: first.id } })).page).toBe(first.page + 1);
      expect(await db().auditEvent.count({ where: { type: "session_more_slots" } })).toBe(1);
      offer = await offerTo(praja, caseNo, before);
      expect(buttonsOf(offer).at(-1)!.text).toBe("Waktu lain");
    });

    it("the client's slot is taken for booking and audited", async () => {
      expect(await toastOf(praja, offer, buttonsOf(offer)[1]!.text)).toBe("Jadwal dipilih; sedang dipesan…");
      const row = await db().sessionOffer.findFirstOrThrow({ where: { caseId: await caseIdOf(caseNo) } });
      expect([row.status, row.chosen]).toEqual(["booking", 1]);
      expect(await db().auditEvent.count({ where: { type: "session_slot_chosen", caseId: row.caseId } })).toBe(1);
    });

    it("a slot of an offer no longer offered is stale", async () => {
      const row = await db().sessionOffer.findFirstOrThrow({ where: { caseId: await caseIdOf(caseNo) } });
      expect(row.status).toBe("booking");
      // Another slot of the same offer, as a copy of its buttons that outlived the press would carry it.
      await db().buttonToken.create({ data: { id: "other-slot", actionJson: JSON.stringify({ kind: "slot", offerId: row.id, index: 0 }) } });
      expect(await pressAs(praja, "other-slot", "stale-offer")).toBe(STALE);
      expect((await db().sessionOffer.findUniqueOrThrow({ where: { id: row.id } })).chosen).toBe(1);
    });
  });

  describe("/link", () => {
    const praja: FakeUser = { id: 8902, first_name: "Budi" };
    let caseNo: number;
    beforeAll(async () => {
      caseNo = await toSessionStep(praja);
      await book(praja, caseNo);
      await w.linkStaff(tono, { roles: ["konselor"], name: "Tono" });
      // New cases keep going to Sari.
      await w.say(tono, "/tidaktersedia", /tidak menerima kasus baru/);
    }, 60_000);

    it("without a case number and a URL it explains itself", async () => {
      for (const text of ["/link", `/link ${caseNo}`, "/link https://meet.google.com/abc-defg-hij"]) {
        await w.say(sari, text, /^Cara menambahkan tautan sesi: \/link <nomor kasus>/);
      }
    });

    it("a URL that is not one, or not https, is refused", async () => {
      for (const url of ["meet.google.com/abc-defg-hij", "http://meet.google.com/abc-defg-hij", "javascript:alert(1)"]) {
        await w.say(sari, `/link ${caseNo} ${url}`, /^Tautan harus berupa alamat https:\/\//);
      }
      expect((await db().appointment.findFirstOrThrow({ where: { case: { number: caseNo } } })).meetUrl).toBeNull();
    });

    it("another counsellor's case, or a case that does not exist, is not theirs", async () => {
      await w.say(tono, `/link ${caseNo} https://meet.google.com/abc-defg-hij`, /^Hanya konselor yang menangani kasus ini/);
      await w.say(sari, "/link 999 https://meet.google.com/abc-defg-hij", /^Hanya konselor yang menangani kasus ini/);
      expect((await db().appointment.findFirstOrThrow({ where: { case: { number: caseNo } } })).meetUrl).toBeNull();
    });

    it("a link on a host the unit does not use for sessions is refused and audited (MEETING_LINK_HOSTS: meet.google.com)", async () => {
      for (const url of ["https://evil.example/meet.google.com/abc", "https://meet.google.com.evil.example/abc", "https://user@meet.google.com:8443/abc"]) {
        await w.say(sari, `/link ${caseNo} ${url}`, /^Tautan tidak dikirim: tautan sesi hanya boleh dari meet\.google\.com \(pengaturan MEETING_LINK_HOSTS\)/);
      }
      const a = await db().appointment.findFirstOrThrow({ where: { case: { number: caseNo } } });
      expect(a.meetUrl).toBeNull();
      const refused = await db().auditEvent.findMany({ where: { type: "session_link_refused", caseId: a.caseId } });
      expect(refused.map((r) => JSON.parse(r.dataJson).host)).toEqual(["evil.example", "meet.google.com.evil.example", "meet.google.com"]);
    });

    it("the case's counsellor adds the link: the client gets it and the session step is done", async () => {
      const before = w.count(praja);
      await w.say(sari, `/link #${caseNo} https://meet.google.com/abc-defg-hij`, new RegExp(`^Tautan sesi Kasus #${caseNo} dikirim ke klien\\.$`));
      await w.waitForMessage(praja, /Google Meet: https:\/\/meet\.google\.com\/abc-defg-hij/, { after: before });
      const a = await db().appointment.findFirstOrThrow({ where: { case: { number: caseNo } } });
      expect(a.meetUrl).toBe("https://meet.google.com/abc-defg-hij");
      expect((await db().case.findFirstOrThrow({ where: { number: caseNo } })).currentStepId).toBe("s6");
      expect(await db().auditEvent.count({ where: { type: "session_link_added", caseId: a.caseId } })).toBe(1);
    });
  });

  describe("moving and cancelling a booked session", () => {
    it("the counsellor's move asks the client for new times and keeps the card's buttons; the client's press adds no second request", async () => {
      const praja: FakeUser = { id: 8903, first_name: "Citra" };
      const caseNo = await toSessionStep(praja);
      const { card, appointment } = await book(praja, caseNo);
      const counsellorCard = await w.waitForMessage(sari, new RegExp(`Sesi konseling Kasus #${caseNo}:`));
      expect(await toastOf(sari, counsellorCard, "Ubah jadwal")).toBe("Pilihan jadwal baru dikirim ke klien.");
      const open = () => db().sessionOffer.findMany({ where: { appointmentId: appointment.id, status: { in: ["pending", "offered", "booking"] } } });
      expect((await open()).map((o) => o.requestedBy)).toEqual(["counsellor"]);
      expect(buttonsOf(w.fake.sentTo(sari.id).find((m) => m.message_id === counsellorCard.message_id)!).map((b) => b.text)).toEqual([
        "Ubah jadwal",
        "Batalkan sesi",
      ]);

      expect(await toastOf(praja, card, "Ubah jadwal")).toBe("");
      expect((await open()).map((o) => o.requestedBy)).toEqual(["counsellor"]);
      expect((await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("booked");
    });

    it("the client cancels: the session is marked for cancelling by the client and its open offers withdrawn; a later press is stale", async () => {
      const praja: FakeUser = { id: 8904, first_name: "Dewi" };
      const caseNo = await toSessionStep(praja);
      const { card, appointment } = await book(praja, caseNo);
      expect(await toastOf(praja, card, "Ubah jadwal")).toBe("");
      expect(await db().sessionOffer.count({ where: { appointmentId: appointment.id, status: "pending", requestedBy: "client" } })).toBe(1);
      expect(await toastOf(praja, card, "Batalkan sesi")).toBe("");
      expect((await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("cancelling:client");
      expect(await db().sessionOffer.count({ where: { appointmentId: appointment.id, status: { in: ["pending", "offered", "booking"] } } })).toBe(0);
      const counsellorCard = await w.waitForMessage(sari, new RegExp(`Sesi konseling Kasus #${caseNo}:`));
      const cancel = buttonsOf(counsellorCard).find((b) => b.text === "Batalkan sesi")!;
      expect(await pressAs(sari, cancel.data, "late-cancel")).toBe(STALE);
    });

    it("the counsellor cancels: the session is marked for cancelling by the counsellor", async () => {
      const praja: FakeUser = { id: 8905, first_name: "Eka" };
      const caseNo = await toSessionStep(praja);
      const { appointment } = await book(praja, caseNo);
      const counsellorCard = await w.waitForMessage(sari, new RegExp(`Sesi konseling Kasus #${caseNo}:`));
      expect(await toastOf(sari, counsellorCard, "Batalkan sesi")).toBe("");
      expect((await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("cancelling:counsellor");
    });

    it("someone who is neither the client nor the counsellor cannot move the session", async () => {
      const praja: FakeUser = { id: 8906, first_name: "Fikri" };
      const caseNo = await toSessionStep(praja);
      const { card, appointment } = await book(praja, caseNo);
      const move = buttonsOf(card).find((b) => b.text === "Ubah jadwal")!;
      expect(await pressAs(budi, move.data, "move-by-staf")).toBe(STALE);
      expect(await db().sessionOffer.count({ where: { appointmentId: appointment.id, status: { in: ["pending", "offered", "booking"] } } })).toBe(0);
      expect((await db().appointment.findUniqueOrThrow({ where: { id: appointment.id } })).status).toBe("booked");
    });
  });
});
