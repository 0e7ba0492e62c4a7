// WhatsApp across a restart of the service, wired as in production: the session (and with it baileys' lid ↔ phone
// mapping) in the database, only makeWASocket replaced by the fake. What a person sends while the service is down
// waits on WhatsApp's server and comes after the reconnect as baileys' "append" batch; a sender known only by a lid
// after the restart is still the same person, in the same case.
import { DisconnectReason } from "@whiskeysockets/baileys";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { FakeWhatsApp } from "../fakes/whatsappSocket.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";
import { recordingClock, WHATSAPP_UNPACED_ENV } from "../support/whatsappWorld.ts";

const CLIENT = "6281234500011@s.whatsapp.net";
const PRAJA_LID = "98765432109999@lid";
const PRAJA_PN = "6281234500012@s.whatsapp.net";
const admin: FakeUser = { id: 9399, first_name: "Admin" };

describe("WhatsApp across a restart of the service", () => {
  let w: TelegramWorld;
  const wa = new FakeWhatsApp();
  const texts = (jid: string) => wa.textsSentTo(jid);
  const textMatching = (jid: string, pattern: RegExp) => texts(jid).filter((t) => pattern.test(t));
  /** Every wait the adapter planned before reconnecting (the only thing it uses its clock for). */
  const { clock, waits: reconnectWaits } = recordingClock();

  beforeAll(async () => {
    w = await startTelegramWorld({
      env: {
        ...WHATSAPP_UNPACED_ENV,
        ADMIN_CONTACTS: `telegram:${admin.id}`,
      },
      service: { whatsappBaileys: { makeSocket: wa.makeSocket, downloadMedia: wa.downloadMedia, clock } },
    });
    wa.open();
  });
  afterAll(async () => w?.close());

  /** Stops the service, lets `whileDown` happen, starts it again on the same database and opens the new connection. */
  async function restart(whileDown: () => void = () => {}): Promise<void> {
    await w.stopService();
    whileDown();
    await w.restart();
    wa.open();
  }

  it("a WhatsApp message sent while the service is down arrives after reconnect", async () => {
    wa.userSends(CLIENT, "Halo, saya mau konseling");
    await waitFor("the consent question", () => textMatching(CLIENT, /Apakah Anda setuju/).length === 1, 10_000);

    await restart(() => {
      wa.userSends(CLIENT, "1");
      expect(wa.waitingOffline).toBe(1);
    });
    await waitFor("the answer to the message sent while down", () => textMatching(CLIENT, /Anda mendaftar sebagai/).length === 1, 10_000);
    expect(wa.waitingOffline).toBe(0);
    await waitFor("its read receipt", () => wa.reads.filter((key) => key.remoteJid === CLIENT).length === 2);
    expect(textMatching(CLIENT, /Anda mendaftar sebagai/)).toHaveLength(1);
  });

  it("a LID-only sender after a restart is the same person", async () => {
    // First with the phone number alongside the lid (remoteJidAlt): baileys stores the pair in the session.
    const praja = wa.fromLid(PRAJA_LID, PRAJA_PN);
    wa.userSends(praja, "Halo, saya mau konseling");
    await waitFor("the consent question", () => textMatching(PRAJA_PN, /Apakah Anda setuju/).length === 1, 10_000);
    wa.userSends(praja, "1");
    await waitFor("the role question", () => textMatching(PRAJA_PN, /Anda mendaftar sebagai/).length === 1, 10_000);
    const identities = () =>
      w.app.db.prisma.channelIdentity.findMany({ where: { channel: "whatsapp" }, select: { personId: true, address: true }, orderBy: { id: "asc" } });
    const before = await identities();
    expect(before.filter((i) => i.address === PRAJA_PN)).toHaveLength(1);

    await restart();
    // Only the lid this time, as WhatsApp sends when it does not add the phone number.
    wa.userSends(wa.fromLid(PRAJA_LID), "1");
    await waitFor("the next question, to the phone number, in the same dialog", () => textMatching(PRAJA_PN, /nama lengkap/).length === 1, 10_000);
    expect(texts(PRAJA_LID)).toEqual([]);
    expect(await identities()).toEqual(before);
  });

  it.each([
    ["440 connection replaced (a second instance on the number)", DisconnectReason.connectionReplaced, /Another client took over .* second instance/],
    ["405 client too old", 405, /too old \(405\).*update baileys/],
  ] as const)("%s: the admin is told once and the service stops reconnecting", async (_name, code, alertText) => {
    await restart(); // a fresh connection for each
    const sockets = wa.sockets.length;
    const alertsBefore = w.count(admin);
    const waitsBefore = reconnectWaits.length;
    wa.close(code);
    const alert = await w.waitForMessage(admin, alertText, { after: alertsBefore });
    expect(alert.text).toMatch(/restart/);
    // The adapter decides at the close, before the alert is even queued: a reconnect would be a planned wait by now.
    expect(reconnectWaits.slice(waitsBefore)).toEqual([]);
    expect(wa.sockets.length).toBe(sockets);
    expect(w.count(admin)).toBe(alertsBefore + 1);
  });

  it("keeps the session in the database: values encrypted, ids hashed, no number readable", async () => {
    const rows = await w.app.db.raw.whatsAppAuthKey.findMany({ select: { category: true, id: true, value: true } });
    expect(rows.map((r) => r.category)).toEqual(expect.arrayContaining(["lid-mapping"]));
    for (const row of rows) {
      expect(row.value).toMatch(/^enc:v1:/);
      expect(row.id).toMatch(/^[0-9a-f]{64}$/);
    }
    for (const needle of ["6281234500012", "98765432109999", "6281234500011"]) expect(JSON.stringify(rows)).not.toContain(needle);
  });
});
