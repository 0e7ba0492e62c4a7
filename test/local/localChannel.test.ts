// The local channel over HTTP against the real service in-process (LOCAL_CHANNEL=1, no Telegram): what the
// browser page does, without a browser. Posts go through the dialogs and the outbox like any channel's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp } from "../../src/app/openApp.ts";
import { startService } from "../../src/app/startService.ts";
import { createLogger } from "../../src/logger.ts";
import { startFakeBotApi } from "../fakes/telegramBotApi.ts";
import { healthDetails, TEST_HEALTH_TOKEN } from "../support/health.ts";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";
import { registerPraja, startLocalWorld, type LocalWorld } from "./localWorld.ts";

const PRAJA = "ipdn-klien-1";

describe("local channel over HTTP", () => {
  let w: LocalWorld;
  beforeAll(async () => {
    w = await startLocalWorld();
  });
  afterAll(async () => w?.close());

  it("serves the page and says on /healthz that the local channel is on, with its URL", async () => {
    const page = await fetch(w.pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toMatch(/demo lokal/i);
    expect(html).toContain('data-pane="ipdn-konselor"');
    expect(html).toContain('data-pane="puspaga-eselon_iv"');
    expect(html).toContain("Dra. Sari (DEMO)");
    expect(html).toContain("Praja baru");
    const english = await (await w.fetch("/?lang=en")).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toMatch(/local demo[\s\S]*no message leaves this computer/);
    const { body: health } = await healthDetails<{ channels: { channel: string; on: boolean; reason: string }[] }>(`${w.url}healthz`);
    const local = health.channels.find((c) => c.channel === "local")!;
    expect(local.on).toBe(true);
    expect(local.reason).toContain(w.url);
  });

  it("a client pane sends /start and receives the consent with buttons; pressing a button id works", async () => {
    const consent = await w.say(PRAJA, "/start", /Apakah Anda setuju\?/);
    expect(consent.buttons.map((b) => b.label)).toEqual(["Setuju", "Tidak setuju"]);
    expect(consent.buttons.every((b) => /^[A-Za-z0-9_-]{16,64}$/.test(b.id))).toBe(true);
    const kind = await w.tap(PRAJA, "Setuju", /Anda mendaftar sebagai/);
    expect(kind.buttons.map((b) => b.label)).toEqual(["Praja", "Pegawai"]);
    const mine = (await w.entries(PRAJA)).filter((e) => e.from === "me");
    expect(mine.map((e) => e.pressed ?? e.text)).toEqual(["/start", "Setuju"]);
    // The same post again (a retry after a network error) is handled once.
    const again = await w.post({ pane: PRAJA, text: "/status", id: "retry-0000001" });
    const twice = await w.post({ pane: PRAJA, text: "/status", id: "retry-0000001" });
    expect(again.body).toMatchObject({ ok: true, duplicate: false });
    expect(twice.body).toMatchObject({ ok: true, duplicate: true });
  });

  it("refuses a forged button id, a button shown only to another pane, an unknown pane and a malformed post", async () => {
    const forged = await w.post({ pane: PRAJA, buttonId: "Zm9yZ2VkLWJ1dHRvbi1pZA" });
    expect(forged.status).toBe(409);
    expect(forged.body).toEqual({ ok: false, error: "Tombol tidak dikenal atau sudah kedaluwarsa." });
    // A real id, but from the praja's chat: the konselor's pane was never shown it.
    const stolen = await w.post({ pane: "ipdn-konselor", buttonId: await w.buttonId(PRAJA, "Praja") });
    expect(stolen.status).toBe(409);
    const refusals = await w.app.db.prisma.auditEvent.count({ where: { type: "button_refused" } });
    expect(refusals).toBeGreaterThanOrEqual(2);

    expect((await w.post({ pane: "ipdn-nobody", text: "halo" })).status).toBe(404);
    expect((await w.post({ pane: "<script>", text: "halo" })).status).toBe(400);
    expect((await w.post({ pane: PRAJA })).status).toBe(400);
    const elsewhere = await w.fetch("/local/send", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: JSON.stringify({ pane: PRAJA, text: "halo" }),
    });
    expect(elsewhere.status).toBe(403);
  });

  it("opens another client pane on request", async () => {
    const response = await w.fetch("/local/panes", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ org: "ipdn" }) });
    expect(await response.json()).toEqual({ ok: true, pane: "ipdn-klien-2" });
    const html = await (await w.fetch("/")).text();
    expect(html).toContain('data-pane="ipdn-klien-2"');
  });

  it("an edit reaches the page live: the staf's task loses its buttons and says who acted", async () => {
    const praja = "ipdn-klien-2";
    const caseNo = await registerPraja(w, praja, { name: "Budi Praja" });
    const task = await w.waitFor("ipdn-staf", new RegExp(`Kasus #${caseNo}[\\s\\S]*Langkah 2: Menerima dan menyampaikan`));
    expect(task.buttons.map((b) => b.label)).toEqual(["Selesai"]);
    const card = await w.waitFor("ipdn-konselor", new RegExp(`Kasus #${caseNo} baru untuk Anda`));
    expect(card.text).toContain("NPP: 31.0456");

    const stream = await w.listen();
    try {
      expect(stream.events[0]!.type).toBe("snapshot");
      const before = await w.count("ipdn-konselor");
      await w.post({ pane: "ipdn-staf", buttonId: task.buttons[0]!.id });
      await w.waitFor("ipdn-konselor", /Langkah 3: Konselor intake awal/, { after: before });
      const deadline = Date.now() + 5000;
      const findEdit = () => stream.events.find((e) => e.type === "edit" && e.entry.id === task.id);
      while (!findEdit() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      const edit = findEdit();
      expect(edit).toBeDefined();
      if (edit?.type !== "edit") throw new Error("no edit event");
      expect(edit.pane).toBe("ipdn-staf");
      expect(edit.entry.buttons).toEqual([]);
      expect(edit.entry.edited).toBe(true);
      expect(edit.entry.text).toMatch(/✓ Anda memilih: Selesai/);
      expect(stream.events.some((e) => e.type === "message" && e.pane === "ipdn-konselor" && /Langkah 3/.test(e.entry.text))).toBe(true);
    } finally {
      stream.close();
    }
    // A second press of the same (now edited) button is refused: the pane no longer shows it.
    expect((await w.post({ pane: "ipdn-staf", buttonId: task.buttons[0]!.id })).status).toBe(409);

    // The counsellor answers by replying to the case card (Balas); the praja gets it without the counsellor's name.
    const n = await w.count(praja);
    await w.say("ipdn-konselor", "Halo, saya konselor Anda.", /Terkirim ke klien/, "ipdn-konselor", { replyTo: card.id });
    const answer = await w.waitFor(praja, new RegExp(`Konselor \\(Kasus #${caseNo}\\):`), { after: n });
    expect(answer.text).toContain("Halo, saya konselor Anda.");
    expect(answer.text).not.toContain("Sari");

    // A small file from the praja reaches the counsellor, and the page can download it (as a download, never inline HTML).
    const m = await w.count("ipdn-konselor");
    const html = Buffer.from("<script>alert(1)</script>").toString("base64");
    expect((await w.post({ pane: praja, text: "jadwal saya", file: { name: "jadwal.html", mimeType: "text/html", base64: html } })).body.ok).toBe(true);
    const relayed = await w.waitFor("ipdn-konselor", /jadwal saya/, { after: m });
    expect(relayed.attachments).toHaveLength(1);
    const file = await w.fetch(new URL(relayed.attachments[0]!.url, w.url).pathname);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/octet-stream");
    expect(file.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(await file.text()).toBe("<script>alert(1)</script>");
    const tooBig = Buffer.alloc(2 * 1024 * 1024 + 10).toString("base64");
    expect((await w.post({ pane: praja, text: "besar", file: { name: "besar.bin", base64: tooBig } })).status).toBeGreaterThanOrEqual(400);
  });

  it("keeps the conversation across a restart (rebuilt from the outbox and the stored messages)", async () => {
    const before = (await w.entries("ipdn-konselor")).filter((e) => e.from === "bot").map((e) => e.text);
    expect(before.length).toBeGreaterThan(2);
    await w.restart();
    const after = await w.entries("ipdn-konselor");
    expect(after.filter((e) => e.from === "bot").map((e) => e.text)).toEqual(before);
    expect(after.some((e) => e.from === "me" && e.text === "Halo, saya konselor Anda.")).toBe(true);
    // The staf's task is still shown as handled, without buttons.
    const task = (await w.entries("ipdn-staf")).find((e) => /Langkah 2/.test(e.text))!;
    expect(task.buttons).toEqual([]);
    expect(task.text).toMatch(/✓ Anda memilih/);
  });

  it("seeds demo staff idempotently, one per role, only in local mode; a real channel retires their roles", async () => {
    const prisma = w.app.db.prisma;
    const demo = await prisma.person.findMany({ where: { isDemo: true }, include: { roles: true, identities: true } });
    const roles = [...w.app.flows.organisations.values()].flatMap((o) => o.roles.filter((r) => r.id !== "klien").map((r) => `${o.id}:${r.id}`));
    expect(demo.flatMap((p) => p.roles.map((r) => `${r.orgId}:${r.role}`)).sort()).toEqual(roles.sort());
    expect(
      demo.every((p) => p.kind === "staff" && /\(DEMO\)$/.test(p.displayName ?? "") && p.identities.length === 1 && p.identities[0]!.channel === "local"),
    ).toBe(true);
    expect(demo.find((p) => p.identities[0]!.address === "ipdn-konselor")!.displayName).toBe("Dra. Sari (DEMO)");
    // Clients who registered in the panes are not demo staff.
    expect(await prisma.person.count({ where: { kind: "client", isDemo: true } })).toBe(0);

    await w.restart();
    expect(await w.app.db.prisma.person.count({ where: { isDemo: true } })).toBe(demo.length);
    expect(await w.app.db.prisma.staffRole.count({ where: { person: { isDemo: true } } })).toBe(roles.length);

    // Telegram configured, LOCAL_CHANNEL unset: no local page, no demo roles (no real case can reach a demo person).
    const fake = await startFakeBotApi({ botUsername: "pintu_local_test_bot", token: "123456789:AAH-fake-token-for-local-test_01" });
    try {
      // The data so far is under the development keys of the local trial: the trial goes on, now with Telegram.
      const trial = { TRIAL_WITHOUT_KEYS: "1", HEALTH_TOKEN: TEST_HEALTH_TOKEN };
      await w.restart({
        HTTP_PORT: "0",
        LOG_LEVEL: "silent",
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        DEADLINE_CHECK_SECONDS: "3600",
        ...trial,
      });
      while (!fake.isPolling) await new Promise((r) => setTimeout(r, 10)); // telegraf refuses stop() before polling begins
      expect(await w.app.db.prisma.staffRole.count({ where: { person: { isDemo: true } } })).toBe(0);
      expect((await fetch(w.url)).status).toBe(404);
      const { body: health } = await healthDetails<{ channels: { channel: string; on: boolean; reason: string }[] }>(`${w.url}healthz`);
      expect(health.channels.find((c) => c.channel === "local")).toMatchObject({ on: false, reason: expect.stringMatching(/LOCAL_CHANNEL=1/) });
      await w.close();
    } finally {
      await fake.close();
    }
  });

  it("never seeds demo staff on a fresh database when a real channel is configured", async () => {
    const fake = await startFakeBotApi({ botUsername: "pintu_local_test2_bot", token: "123456789:AAH-fake-token-for-local-test_02" });
    const { freshDatabase } = await import("../support/databases.ts");
    const target = await freshDatabase("sqlite");
    const app = await openApp({
      env: { DATABASE_URL: target.url, HTTP_PORT: "0", LOG_LEVEL: "silent", TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...TEST_KEYS_ENV },
    });
    const service = await startService(app, { log: createLogger("silent"), deadlines: false });
    try {
      expect(await app.db.prisma.person.count({ where: { isDemo: true } })).toBe(0);
      expect(service.channels().find((c) => c.channel === "local")!.on).toBe(false);
      while (!fake.isPolling) await new Promise((r) => setTimeout(r, 10)); // telegraf refuses stop() before polling begins
    } finally {
      await service.stop();
      await app.close();
      await fake.close();
    }
  });
});
