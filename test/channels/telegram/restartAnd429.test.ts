// The service restarted in the middle of an intake continues where the client was; a 429 with retry_after
// from the Bot API delays the send (by at least what Telegram asked) and loses nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeErrors, type FakeUser } from "../../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../../support/telegramService.ts";
import { waitFor } from "../../support/waitFor.ts";

const pegawai: FakeUser = { id: 5001, first_name: "Yusuf" };

describe("Telegram: restart mid-intake, and 429 Too Many Requests", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
  });
  afterAll(async () => w?.close());

  const say = (text: string, expected: RegExp) => w.say(pegawai, text, expected);
  const tap = (label: string, expected: RegExp) => w.tap(pegawai, label, expected);

  it("continues the intake after a restart, keeping the answers given before it", async () => {
    await say("/start", /setuju/i);
    await tap("Setuju", /mendaftar sebagai/);
    await tap("Pegawai", /nama lengkap/);
    await say("Yusuf Maulana", /NIP/);

    await w.restart();

    // The next answer goes on from the NIP question; the name given before the restart is kept.
    await say("19850101 201001 1 002", /Unit kerja/i);
    await say("Biro Umum", /Nomor HP/);
    await tap("Lewati", /email/i);
    await tap("Lewati", /keluhan/);
    await say("Beban kerja berat.", /Tercatat/);
    const summary = await tap("Selesai", /Periksa data/);
    expect(summary.text).toContain("Nama: Yusuf Maulana");
    expect(summary.text).toContain("NIP: 19850101 201001 1 002");

    // /start after a restart mid-way re-asks the current question instead of starting over.
    await w.restart();
    const resumed = await say("/start", /Melanjutkan pendaftaran/);
    expect(resumed.text).toMatch(/Periksa data/);
  });

  it("waits as long as a 429's retry_after says, then delivers everything, in order", async () => {
    w.fake.failNext("sendMessage", fakeErrors.tooManyRequests(2), 1);
    const n = w.count(pegawai);
    await w.press(pegawai, "Kirim");
    const opened = await w.waitForMessage(pegawai, /Kasus #1/, { after: n, timeoutMs: 10_000 });
    const failed = w.fake.callsOf("sendMessage").find((c) => c.failed && c.error?.error_code === 429)!;
    const delivered = w.fake.calls.find((c) => c.method === "sendMessage" && !c.failed && c.at > failed.at)!;
    expect(delivered.at - failed.at).toBeGreaterThanOrEqual(2000);
    expect(opened.text).toMatch(/Berikutnya/);

    // The row is marked sent just after Telegram's answer, which the fake records first.
    const retried = () => w.app.db.prisma.outbox.findFirstOrThrow({ where: { address: String(pegawai.id), lastError: { contains: "429" } } });
    for (const until = Date.now() + 5000; (await retried()).status !== "sent" && Date.now() < until; ) await new Promise((r) => setTimeout(r, 25));
    expect((await retried()).status).toBe("sent");
    // Nothing queued is left behind.
    const unsent = () => w.app.db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] }, channel: "telegram", address: String(pegawai.id) } });
    for (const until = Date.now() + 5000; (await unsent()) > 0 && Date.now() < until; ) await new Promise((r) => setTimeout(r, 25));
    expect(await unsent()).toBe(0);
  });

  it("stops cleanly right after a start, before the first poll (no hang, no poll after the stop)", async () => {
    const quick = await startTelegramWorld();
    // Telegraf can only be stopped once launch() has deleted the webhook and begun polling, and stop() returns
    // only when that polling loop has ended (one that went on would keep it from returning: the test times
    // out). So by the time it returns the launch has happened (it cannot begin polling later), the fake sees
    // the bot's last held poll cut off (a bot still polling keeps one held), and closing the fake records
    // whatever was still in flight.
    await quick.stopService();
    const stoppedAt = Date.now();
    expect(quick.fake.callsOf("deleteWebhook")).toHaveLength(1);
    await waitFor("the stopped bot's held poll to end", () => !quick.fake.isPolling, 5_000);
    await quick.close();
    expect(quick.fake.callsOf("getUpdates").filter((c) => c.at >= stoppedAt)).toEqual([]);
  }, 20_000);
});
