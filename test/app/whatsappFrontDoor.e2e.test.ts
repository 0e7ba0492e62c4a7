import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import { FakeWhatsApp } from "../fakes/whatsappSocket.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { healthDetails } from "../support/health.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { fakeBaileysSocket, recordingClock, WHATSAPP_UNPACED_ENV } from "../support/whatsappWorld.ts";

const KONSELOR = "6281100000001@s.whatsapp.net";
const KEPALA = "6281100000002@s.whatsapp.net";
const PRAJA_PN = "6281234567890@s.whatsapp.net";
const PRAJA = { remoteJid: "98765432101234@lid", remoteJidAlt: PRAJA_PN };
const staf: FakeUser = { id: 9101, first_name: "Budi" };
const admin: FakeUser = { id: 9199, first_name: "Admin" };

describe("WhatsApp front door through baileys' event shapes", () => {
  let w: TelegramWorld;
  const wa = new FakeWhatsApp();

  /** Waits for a WhatsApp text to `jid` matching `pattern`, after the first `after` texts. */
  async function waText(jid: string, pattern: RegExp, after = 0): Promise<{ text: string; id: string }> {
    const deadline = Date.now() + 8000;
    for (;;) {
      const sent = wa.sentTo(jid).slice(after);
      const hit = sent.find((s) => pattern.test((s.content as { text?: string }).text ?? (s.content as { caption?: string }).caption ?? ""));
      if (hit) return { text: (hit.content as { text?: string }).text ?? "", id: hit.id };
      if (Date.now() > deadline)
        throw new Error(
          `WhatsApp ${jid}: nothing matching ${pattern}. Got:\n${wa
            .textsSentTo(jid)
            .map((t) => `  - ${t.slice(0, 120).replace(/\n/g, " ⏎ ")}`)
            .join("\n")}`,
        );
      await new Promise((r) => setTimeout(r, 15));
    }
  }
  const says = async (from: string | typeof PRAJA, text: string, pattern: RegExp) => {
    const jid = typeof from === "string" ? from : PRAJA_PN;
    const after = wa.sentTo(jid).length;
    wa.userSends(from, text);
    return waText(jid, pattern, after);
  };

  /** Every wait the adapter planned before reconnecting (the only thing it uses its clock for). */
  const { clock, waits: reconnectWaits } = recordingClock();

  beforeAll(async () => {
    const socket = fakeBaileysSocket(wa, { clock });
    w = await startTelegramWorld({
      env: {
        ...WHATSAPP_UNPACED_ENV,
        ADMIN_CONTACTS: `telegram:${admin.id}`,
      },
      service: { whatsappSocket: socket },
    });
    wa.open();
    for (const [jid, role, name] of [
      [KONSELOR, "konselor", "Dra. Sari"],
      [KEPALA, "kepala_unit", "Kepala Unit"],
    ] as const) {
      const invite = await issueInvite(w.app.db.prisma, { orgId: "ipdn", role, name, ttlHours: 1, now: new Date() });
      await says(jid, `/start ${invite.code}`, /terhubung sebagai/);
    }
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
  });
  afterAll(async () => w?.close());

  it("a praja writing from an @lid id registers with numbered and worded answers", async () => {
    const consent = await says(PRAJA, "Halo, saya mau konseling", /Apakah Anda setuju\?/);
    expect(consent.text).toMatch(/1\. Setuju\n2\. Tidak setuju/);
    expect(consent.text).toMatch(/Balas dengan angka atau kata pilihan Anda/);
    await says(PRAJA, "1", /Anda mendaftar sebagai:\n\n1\. Praja\n2\. Pegawai/);
    await says(PRAJA, "praja", /nama lengkap/);
    await says(PRAJA, "Wulan Sari", /NPP/);
    await says(PRAJA, "31.2222", /Tingkat berapa/);
    await says(PRAJA, "2", /kelas atau wisma/);
    await says(PRAJA, "B3", /kampus/);
    await says(PRAJA, "Jatinangor", /Nomor HP/);
    await says(PRAJA, "Lewati", /email/i);
    await says(PRAJA, "lewati", /Ceritakan keluhan/);
    await says(PRAJA, "Saya merasa tertekan dengan senior.", /Tercatat/);
    const summary = await says(PRAJA, "Selesai", /Periksa data Anda/);
    expect(summary.text).toContain("Tingkat: II");
    await says(PRAJA, "1", /Kasus #1/);

    // The lid sender is the phone number's person: one identity, on the phone jid.
    const identity = await w.app.db.prisma.channelIdentity.findFirstOrThrow({ where: { channel: "whatsapp", person: { kind: "client" } } });
    expect(identity.address).toBe(PRAJA_PN);
  });

  it("the counsellor answers by quoting the case card; the praja's next message reaches the counsellor", async () => {
    const card = await waText(KONSELOR, /Kasus #1 baru untuk Anda/);
    const after = wa.sentTo(PRAJA_PN).length;
    wa.userQuotes(KONSELOR, card.id, "Wulan, saya Sari. Bisa bicara besok jam 9?");
    const answer = await waText(PRAJA_PN, /Konselor \(Kasus #1\):\nWulan, saya Sari/, after);
    expect(answer.text).not.toContain("6281100000001");
    await waText(KONSELOR, /Terkirim ke klien Kasus #1/);

    const before = wa.sentTo(KONSELOR).length;
    wa.userSends(PRAJA, "Bisa, Bu.");
    await waText(KONSELOR, /Kasus #1 · pesan klien:\nBisa, Bu\./, before);

    // A photo from the praja reaches the counsellor as a photo, its bytes kept in the FileStore.
    const photoAfter = wa.sentTo(KONSELOR).length;
    wa.userSendsImage(PRAJA, { bytes: Buffer.from("fake-jpeg-bytes"), caption: "surat dokter" });
    const deadline = Date.now() + 8000;
    let image: { image?: Buffer; caption?: string } | undefined;
    while (!image && Date.now() < deadline) {
      image = wa
        .sentTo(KONSELOR)
        .slice(photoAfter)
        .map((x) => x.content as { image?: Buffer; caption?: string })
        .find((c) => c.image);
      if (!image) await new Promise((r) => setTimeout(r, 20));
    }
    expect(Buffer.from(image!.image!).toString()).toBe("fake-jpeg-bytes");
    await waText(KONSELOR, /Kasus #1 · pesan klien:\nsurat dokter/, photoAfter);
  });

  it("moves the case with numbered answers up to the Kepala Unit's approval", async () => {
    await w.press(staf, "Selesai");
    const s3a = await waText(KONSELOR, /Langkah 3: Konselor intake awal[\s\S]*1\. Selesai/);
    expect(s3a.text).toMatch(/Balas dengan angka/);
    await says(KONSELOR, "1", /Tercatat: Kasus #1, langkah 3/);
    await waText(KONSELOR, /Langkah 3: Rencana penanganan/);
    await says(KONSELOR, "selesai", /Tuliskan isi rencana\/laporan untuk Kasus #1/);
    await says(KONSELOR, "Konseling mingguan lewat Google Meet.", /Tercatat: Kasus #1, langkah 3/);
    const approval = await waText(KEPALA, /Langkah 4: Melaporkan rencana[\s\S]*1\. Setujui rencana penanganan\n2\. Kembalikan rencana ke konselor/);
    expect(approval.text).toBeTruthy();
    await says(KEPALA, "1", /Tercatat: Kasus #1, langkah 4 — Setujui rencana penanganan/);
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(c.currentStepId).toBe("s5");
    await waText(KONSELOR, /Langkah 5: Menerima laporan dan membuat janji/);
  });

  it("a logged-out close alerts the admin, says how to log in again, and does not reconnect", async () => {
    const sockets = wa.sockets.length;
    const waits = reconnectWaits.length;
    wa.logOut();
    const alert = await w.waitForMessage(admin, /WhatsApp logged the service number out/);
    expect(alert.text).toMatch(/session is cleared; restart the service and scan the QR code/);
    // The adapter decides what to do about a close when it sees it, before the admin's alert is even queued:
    // a reconnect would be planned (a wait on its clock) by now.
    expect(reconnectWaits.length).toBe(waits);
    expect(wa.sockets.length).toBe(sockets);
    const { body: health } = await healthDetails<{ channels: { channel: string; reason: string }[] }>(`http://127.0.0.1:${w.service.port}/healthz`);
    expect(health.channels.find((c) => c.channel === "whatsapp")!.reason).toMatch(/logged out/);
  });
});
