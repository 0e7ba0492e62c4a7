// The lines /kasus prints under linked cases (src/dialogs/caseLinkLines.ts), on a real SQLite database: after a BK
// Praja case is handed over to SOP Terapi through the store, the BK case names the case it was handed to and the
// Terapi case the case it continues, each with the other's SOP title in the reader's language; a case without
// links is absent; a hand-over that was cancelled and made again shows both cases, oldest first, the cancelled one marked; a linked case on an SOP
// this release no longer loads is named by its flow id.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseLinkLines } from "../../src/dialogs/caseLinkLines.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { handOverCase } from "../../src/store/cases/caseHandOver.ts";
import { openDialogBench, type DialogBench } from "./support/dialogBench.ts";

/** Monday 30 November 2026, 08:00 WIB. */
const NOW = new Date("2026-11-30T01:00:00Z");
const MINUTE = 60_000;

describe("caseLinkLines", () => {
  let b: DialogBench;
  let sari: string;
  let clients = 0;

  /** A praja's BK case, just opened (the store's hand-over does not look at the step; the button's checks have their own test). */
  const bkCase = async () => {
    const clientId = await b.client({ address: `praja-${++clients}` });
    return openCase(b.app.db.prisma, b.app.flowContext("bk-praja"), { clientId, counsellorId: sari, at: b.now });
  };
  /** Hands `fromCaseId` over to SOP Terapi through the store, a minute after the last. */
  const handOver = async (fromCaseId: string) => {
    b.now = new Date(b.now.getTime() + MINUTE);
    const result = await b.app.db.prisma.$transaction((tx) =>
      handOverCase(tx, b.app.flowContext("terapi"), { fromCaseId, stepId: "s8", actorId: sari, at: b.now }),
    );
    if (!result.ok) throw new Error("the hand-over was refused");
    return result.opened;
  };
  const linesFor = async (address: string, caseIds: string[]) => (await b.turn({ address }, (turn) => caseLinkLines(turn, caseIds))).result;

  beforeAll(async () => {
    b = await openDialogBench({ now: NOW });
    sari = await b.staff({ address: "tg-sari", roles: ["konselor"], name: "Dra. Sari" });
    const tono = await b.staff({ address: "tg-tono", roles: ["konselor"], name: "Tono" });
    await b.app.db.prisma.person.update({ where: { id: tono }, data: { locale: "en" } });
  }, 60_000);
  afterAll(async () => b?.close());

  it("after a hand-over, names the case each continues or was handed to, with the SOP's title in Indonesian", async () => {
    const bk = await bkCase();
    const unlinked = await bkCase();
    const terapi = await handOver(bk.id);
    const lines = await linesFor("tg-sari", [bk.id, terapi.id, unlinked.id]);
    expect(Object.fromEntries(lines)).toEqual({
      [bk.id]: [`   ↪ diserahkan ke Kasus #${terapi.number} (Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai)`],
      [terapi.id]: [`   ↳ lanjutan Kasus #${bk.number} (Administrasi Layanan Bimbingan dan Konseling Praja)`],
    });
    expect(lines.has(unlinked.id)).toBe(false);
  });

  it("in English for a reader who reads English", async () => {
    const bk = await bkCase();
    const terapi = await handOver(bk.id);
    const lines = await linesFor("tg-tono", [terapi.id, bk.id]);
    expect(lines.get(bk.id)).toEqual([`   ↪ handed over to case #${terapi.number} (Therapy referral for praja and employees)`]);
    expect(lines.get(terapi.id)).toEqual([`   ↳ continues case #${bk.number} (Guidance and counselling service for praja (cadets))`]);
  });

  it("only the cases asked about, none for cases without links or for no cases", async () => {
    const bk = await bkCase();
    const terapi = await handOver(bk.id);
    const plain = await bkCase();
    expect([...(await linesFor("tg-sari", [plain.id, bk.id])).keys()]).toEqual([bk.id]);
    expect([...(await linesFor("tg-sari", [terapi.id])).keys()]).toEqual([terapi.id]);
    expect((await linesFor("tg-sari", [plain.id])).size).toBe(0);
    expect((await linesFor("tg-sari", [])).size).toBe(0);
  });

  it("a hand-over cancelled and made again shows both Terapi cases, oldest first, the cancelled one marked", async () => {
    const bk = await bkCase();
    const first = await handOver(bk.id);
    const cancelled = await applyCaseEvent(b.app.db.prisma, b.app.flowContext("terapi"), first.id, {
      type: "cancel",
      actor: { personId: sari, roles: ["konselor"] },
      reason: "salah SOP",
      at: b.now,
    });
    expect(cancelled.ok).toBe(true);
    const second = await handOver(bk.id);
    expect((await linesFor("tg-sari", [bk.id])).get(bk.id)).toEqual([
      `   ↪ diserahkan ke Kasus #${first.number} (Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai) — dibatalkan`,
      `   ↪ diserahkan ke Kasus #${second.number} (Administrasi Pelaksanaan Terapi bagi Praja dan Pegawai)`,
    ]);
  });

  it("names a linked case whose SOP this release no longer loads by its flow id", async () => {
    const bk = await bkCase();
    const terapi = await handOver(bk.id);
    // A flow file removed since the case was opened: the case keeps its flow id.
    await b.app.db.prisma.case.update({ where: { id: terapi.id }, data: { flowId: "terapi-lama" } });
    expect((await linesFor("tg-sari", [bk.id])).get(bk.id)).toEqual([`   ↪ diserahkan ke Kasus #${terapi.number} (terapi-lama)`]);
  });
});
