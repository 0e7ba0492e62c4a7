// Messages between a client and their counsellor through the bot (src/dialogs/relay.ts), one turn at a time on a
// real SQLite database: what is kept of the conversation, what is queued to whom (with the case's batch key), and
// who is refused; a client with nobody to read them is told the message is kept, a counsellor whose client cannot
// be reached is told so, and "sent" is said once per case.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { relayFromClient, relayFromClientWithoutCase, relayToClient, type CaseRef } from "../../src/dialogs/relay.ts";
import { openCase } from "../../src/store/caseRepository.ts";
import { openDialogBench, type DialogBench, type Mark } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");
const DAY = 86_400_000;

describe("relay", () => {
  let b: DialogBench;
  let sari: string; // konselor
  let dewi: string; // another konselor
  let budi: string; // staf
  let clients = 0;

  /** A client on Telegram (`reachable: false`: none of their chats left) and an open case of theirs. */
  const caseOf = async (p: { counsellorId: string | null; org?: string; reachable?: boolean; locale?: string }): Promise<CaseRef & { address: string }> => {
    const address = `client-${++clients}`;
    const clientId = await b.client({ address: p.reachable === false ? undefined : address, org: p.org, locale: p.locale });
    const flowId = p.org === "puspaga" ? "puspaga-konseling" : "konseling-online-praja";
    const c = await openCase(b.app.db.prisma, b.app.flowContext(flowId), { clientId, counsellorId: p.counsellorId, at: b.now, intakeJson: "{}" });
    return { id: c.id, number: c.number, orgId: c.orgId, status: c.status, clientId, counsellorId: p.counsellorId, address };
  };
  const relayed = async (personId: string, since?: Mark) => (await b.queued({ personId }, since)).filter((q) => /pesan klien|Pesan klien/.test(q.text));
  const audits = (type: string) => b.app.db.prisma.auditEvent.findMany({ where: { type } });

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW, env: { CLOSED_CASE_RELAY_DAYS: "14" } });
    sari = await b.staff({ address: "tg-sari", roles: ["konselor"], name: "Dra. Sari" });
    dewi = await b.staff({ address: "tg-dewi", roles: ["konselor"], name: "Dewi" });
    budi = await b.staff({ address: "tg-budi", roles: ["staf"], name: "Budi" });
  }, 60_000);
  afterAll(async () => b?.close());

  it("a client's message is kept on the case and goes to the case's counsellor only, tagged with the case, on the case's batch key", async () => {
    const c = await caseOf({ counsellorId: sari });
    const seen = await b.mark();
    await b.turn({ address: c.address, text: "  Saya sulit tidur.  " }, (turn) => relayFromClient(turn, c));
    const toSari = await relayed(sari, seen);
    expect(toSari.map((q) => [q.text, q.caseId, q.batchKey])).toEqual([[`Kasus #${c.number} · pesan klien:\nSaya sulit tidur.`, c.id, `relay:case:${c.id}`]]);
    expect(await relayed(dewi, seen)).toEqual([]);
    expect(await relayed(budi, seen)).toEqual([]);
    expect(await b.queued({ address: c.address }, seen)).toEqual([]); // the client is not answered
    const kept = await b.app.db.prisma.message.findMany({ where: { caseId: c.id } });
    expect(kept.map((m) => [m.direction, m.personId, m.text])).toEqual([["in", c.clientId, "Saya sulit tidur."]]);
  });

  it("marks a message whose sender the channel could not confirm, and says when it is only an attachment", async () => {
    const c = await caseOf({ counsellorId: sari });
    const seen = await b.mark();
    await b.turn({ address: c.address, text: "tolong", unverifiedSender: true }, (turn) => relayFromClient(turn, c));
    await b.turn({ address: c.address, attachments: [{ kind: "document", fileRef: "telegram:file-1", name: "surat.pdf" }] }, (turn) =>
      relayFromClient(turn, c),
    );
    const [unverified, attachment] = await relayed(sari, seen);
    expect(unverified!.text).toMatch(/^Kasus #\d+ · pesan klien:\n⚠️ Pengirim belum terverifikasi: .*\ntolong$/);
    expect(attachment!.text).toBe(`Kasus #${c.number} · pesan klien:\n(lampiran)`);
    expect(attachment!.attachments).toEqual(["telegram:file-1"]);
  });

  it("a message after the archive is marked as such", async () => {
    const c = await caseOf({ counsellorId: sari });
    const seen = await b.mark();
    await b.turn({ address: c.address, text: "Terima kasih" }, (turn) => relayFromClient(turn, c, { archived: true }));
    expect((await relayed(sari, seen)).at(-1)!.text).toBe(`Kasus #${c.number} (sudah diarsipkan) · pesan klien:\nTerima kasih`);
  });

  it("with no counsellor assigned it goes to every konselor and staf of the unit", async () => {
    const c = await caseOf({ counsellorId: null });
    const seen = await b.mark();
    await b.turn({ address: c.address, text: "Halo" }, (turn) => relayFromClient(turn, c));
    for (const person of [sari, dewi, budi])
      expect((await relayed(person, seen)).filter((q) => q.caseId === c.id).map((q) => q.text)).toEqual([`Kasus #${c.number} · pesan klien:\nHalo`]);
  });

  it("with nobody in the unit to read it the client is told it is kept, and the missing recipient is audited", async () => {
    const c = await caseOf({ counsellorId: null, org: "puspaga" });
    const seen = await b.mark();
    await b.turn({ address: c.address, text: "Halo" }, (turn) => relayFromClient(turn, c));
    expect((await b.queued({ address: c.address }, seen)).map((q) => q.text)).toEqual(["Pesan Anda tersimpan dan akan dibaca petugas."]);
    const missing = (await audits("no_recipient")).filter((a) => a.caseId === c.id);
    expect(missing.map((a) => JSON.parse(a.dataJson))).toEqual([{ role: "konselor", effect: "relay" }]);
  });

  it("a client without a case yet reaches the counsellors a crisis alert went to, tied to the client", async () => {
    const clientId = await b.client({ address: "client-nocase" });
    const seen = await b.mark();
    await b.turn({ address: "client-nocase", text: "Saya takut" }, (turn) => relayFromClientWithoutCase(turn, { clientId, counsellorIds: [sari, dewi] }));
    for (const person of [sari, dewi]) {
      const rows = (await relayed(person, seen)).filter((q) => q.batchKey === `relay:client:${clientId}`);
      expect(rows.map((q) => [q.text, q.caseId])).toEqual([["Pesan klien (belum ada nomor kasus):\nSaya takut", null]]);
    }
    const aboutRows = await b.app.db.prisma.outbox.count({ where: { aboutPersonId: clientId } });
    expect(aboutRows).toBe(2);
    expect(await relayed(budi, seen)).toEqual([]);
  });

  it("the case's counsellor answers the client; 'sent' is said to them once per case", async () => {
    const c = await caseOf({ counsellorId: sari });
    const seen = await b.mark();
    await b.turn({ address: "tg-sari", text: "Coba tidur lebih awal." }, (turn) =>
      relayToClient(turn, { case: c, clientId: c.clientId, orgId: c.orgId }, "Coba tidur lebih awal."),
    );
    await b.turn({ address: "tg-sari", text: "Besok kita bicara lagi." }, (turn) =>
      relayToClient(turn, { case: c, clientId: c.clientId, orgId: c.orgId }, "Besok kita bicara lagi."),
    );
    expect((await b.queued({ address: c.address }, seen)).map((q) => q.text)).toEqual([
      `Konselor (Kasus #${c.number}):\nCoba tidur lebih awal.`,
      `Konselor (Kasus #${c.number}):\nBesok kita bicara lagi.`,
    ]);
    const toSari = (await b.queued({ address: "tg-sari" }, seen)).filter((q) => /Terkirim ke klien/.test(q.text));
    expect(toSari.filter((q) => q.text.includes(`Kasus #${c.number}.`)).map((q) => q.text)).toEqual([
      `Terkirim ke klien Kasus #${c.number}. Balasan berikutnya untuk kasus ini tidak dikonfirmasi lagi.`,
    ]);
    const kept = await b.app.db.prisma.message.findMany({ where: { caseId: c.id, direction: "out" }, orderBy: { createdAt: "asc" } });
    expect(kept.map((m) => [m.personId, m.text])).toEqual([
      [sari, "Coba tidur lebih awal."],
      [sari, "Besok kita bicara lagi."],
    ]);
  });

  it("anyone but the case's counsellor is refused and audited, and nothing reaches the client", async () => {
    const c = await caseOf({ counsellorId: sari });
    const seen = await b.mark();
    for (const address of ["tg-dewi", "tg-budi"]) {
      const { turn } = await b.turn({ address, text: "Halo" }, (t) => relayToClient(t, { case: c, clientId: c.clientId, orgId: c.orgId }, "Halo"));
      expect((await b.queued({ address }, seen)).at(-1)!.text).toBe("Hanya konselor yang menangani kasus ini yang dapat membalas klien.");
      expect(turn.sender?.personId).toBe(address === "tg-dewi" ? dewi : budi);
    }
    expect(await b.queued({ address: c.address }, seen)).toEqual([]);
    const refused = (await audits("relay_refused")).filter((a) => a.caseId === c.id);
    expect(refused.map((a) => [a.actorId, JSON.parse(a.dataJson)])).toEqual([
      [dewi, { why: "not_counsellor" }],
      [budi, { why: "not_counsellor" }],
    ]);
    expect(await b.app.db.prisma.message.count({ where: { caseId: c.id, direction: "out" } })).toBe(0);
  });

  it("a konselor who answers an unassigned case takes it", async () => {
    const c = await caseOf({ counsellorId: null });
    const seen = await b.mark();
    await b.turn({ address: "tg-dewi", text: "Saya bantu." }, (turn) => relayToClient(turn, { case: c, clientId: c.clientId, orgId: c.orgId }, "Saya bantu."));
    expect((await b.app.db.prisma.case.findUniqueOrThrow({ where: { id: c.id } })).counsellorId).toBe(dewi);
    const assigned = (await audits("counsellor_assigned")).filter((a) => a.caseId === c.id);
    expect(assigned.map((a) => [a.actorId, JSON.parse(a.dataJson)])).toEqual([[dewi, { by: "answer" }]]);
    expect((await b.queued({ address: c.address }, seen)).map((q) => q.text)).toEqual([`Konselor (Kasus #${c.number}):\nSaya bantu.`]);
  });

  it("an archived case is still answered within CLOSED_CASE_RELAY_DAYS, not after", async () => {
    const recent = await caseOf({ counsellorId: sari });
    const old = await caseOf({ counsellorId: sari });
    const seen = await b.mark();
    await b.app.db.prisma.case.update({ where: { id: recent.id }, data: { status: "archived", closedAt: new Date(NOW.getTime() - 13 * DAY) } });
    await b.app.db.prisma.case.update({ where: { id: old.id }, data: { status: "archived", closedAt: new Date(NOW.getTime() - 15 * DAY) } });
    for (const c of [recent, old])
      await b.turn({ address: "tg-sari", text: "Apa kabar?" }, (turn) =>
        relayToClient(turn, { case: { ...c, status: "archived" }, clientId: c.clientId, orgId: c.orgId }, "Apa kabar?"),
      );
    expect((await b.queued({ address: recent.address }, seen)).map((q) => q.text)).toEqual([`Konselor (Kasus #${recent.number}):\nApa kabar?`]);
    expect(await b.queued({ address: old.address }, seen)).toEqual([]);
    expect((await b.queued({ address: "tg-sari" }, seen)).at(-1)!.text).toBe(`Kasus #${old.number} sudah ditutup; pesan tidak diteruskan.`);
  });

  it("a counsellor whose client has no chat left is told the answer is kept but did not reach them", async () => {
    const c = await caseOf({ counsellorId: sari, reachable: false });
    const seen = await b.mark();
    await b.turn({ address: "tg-sari", text: "Halo" }, (turn) => relayToClient(turn, { case: c, clientId: c.clientId, orgId: c.orgId }, "Halo"));
    expect((await b.queued({ address: "tg-sari" }, seen)).at(-1)!.text).toBe(
      `Pesan Anda tersimpan, tetapi klien Kasus #${c.number} tidak dapat dihubungi lewat chat (akun diblokir atau datanya dihapus).`,
    );
    expect(await b.queued({ personId: c.clientId }, seen)).toEqual([]);
    expect(await b.app.db.prisma.message.count({ where: { caseId: c.id, direction: "out" } })).toBe(1);
  });

  it("an answer in the client's language, to a crisis client without a case, tied to the client", async () => {
    const clientId = await b.client({ address: "client-en", locale: "en" });
    const seen = await b.mark();
    await b.turn({ address: "tg-sari", text: "We are here." }, (turn) => relayToClient(turn, { case: null, clientId, orgId: "ipdn" }, "We are here."));
    const [answer] = await b.queued({ address: "client-en" }, seen);
    expect(answer!.text).toMatch(/\nWe are here\.$/);
    expect(answer!.text).not.toMatch(/^Konselor:/);
    const kept = await b.app.db.prisma.message.findMany({ where: { aboutPersonId: clientId } });
    expect(kept.map((m) => [m.caseId, m.personId, m.direction])).toEqual([[null, sari, "out"]]);
    expect((await b.queued({ address: "tg-sari" }, seen)).at(-1)!.text).toBe("Terkirim ke klien.");
  });
});
