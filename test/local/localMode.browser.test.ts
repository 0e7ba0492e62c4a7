// Local mode in a real browser: Debian's chromium driven by playwright-core opens the local page and plays
// SOP Konseling Online Praja across the panes, from the praja's first message to the archive step, the way
// a person trying the product without tokens would. Ends with a screenshot of the page.
import { existsSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Locator, Page } from "playwright-core";
import { chromiumMissing, launchChromium } from "../support/chromium.ts";
import { startLocalWorld, type LocalWorld } from "./localWorld.ts";

const missing = chromiumMissing;
const SCREENSHOT_DIR = "test-results";
const SCREENSHOT = `${SCREENSHOT_DIR}/local-mode-end.png`;

const PRAJA = "ipdn-klien-1";
const STAF = "ipdn-staf";
const KONSELOR = "ipdn-konselor";
const KEPALA = "ipdn-kepala_unit";
const REKTOR = "ipdn-rektor";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// In CI a missing chromium is a failure (the launch below throws), never a silent skip.
describe.skipIf(missing !== null && !process.env.CI)(`local mode in a browser ${missing ?? ""}`, () => {
  let w: LocalWorld;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    w = await startLocalWorld();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  });
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  const pane = (id: string): Locator => page.locator(`.pane[data-pane="${id}"]`);
  /** How many bot messages in a pane match now. */
  const countMatching = (id: string, pattern: RegExp) => pane(id).locator(".msg.bot").filter({ hasText: pattern }).count();
  /** Waits until a pane shows more bot messages matching `pattern` than `before`; returns the newest. */
  const waitForNew = async (id: string, pattern: RegExp, before: number): Promise<Locator> => {
    const deadline = Date.now() + 10_000;
    while ((await countMatching(id, pattern)) <= before) {
      if (Date.now() > deadline) {
        const seen = await pane(id).locator(".msg").allTextContents();
        throw new Error(`pane ${id}: no new message matching ${pattern}. Messages so far:\n${seen.map((s) => `  - ${s.slice(0, 160)}`).join("\n")}`);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return pane(id).locator(".msg.bot").filter({ hasText: pattern }).last();
  };
  /** Does something in the page, then waits for the resulting bot message in `who`. */
  const expectAfter = async (who: string, pattern: RegExp, action: () => Promise<void>): Promise<Locator> => {
    const before = await countMatching(who, pattern);
    await action();
    return waitForNew(who, pattern, before);
  };
  const type = async (id: string, text: string) => {
    await pane(id).locator("textarea").fill(text);
    await pane(id).locator("textarea").press("Enter");
  };
  const press = async (id: string, label: string) => {
    await pane(id)
      .locator("button.choice", { hasText: new RegExp(`^${escapeRegExp(label)}$`) })
      .last()
      .click();
  };
  const say = (id: string, text: string, expected: RegExp, who = id) => expectAfter(who, expected, () => type(id, text));
  const tap = (id: string, label: string, expected: RegExp, who = id) => expectAfter(who, expected, () => press(id, label));
  const buttonLabels = (message: Locator) => message.locator("button.choice").allTextContents();

  it("plays SOP Konseling Online Praja from the first message to the archive across the panes", async () => {
    await page.goto(w.pageUrl);
    await expect(page.locator("header.banner").textContent()).resolves.toMatch(/demo lokal[\s\S]*tidak ada pesan yang keluar dari komputer ini/);
    await page.locator(".conn", { hasText: "Tersambung" }).waitFor();
    expect(await pane(KONSELOR).locator("h3").textContent()).toContain("Dra. Sari (DEMO)");

    // The praja: consent, biodata, complaint, summary, Kirim.
    const consent = await expectAfter(PRAJA, /Apakah Anda setuju\?/, () => pane(PRAJA).locator("button.start").click());
    expect(await buttonLabels(consent)).toEqual(["Setuju", "Tidak setuju"]);
    await tap(PRAJA, "Setuju", /Anda mendaftar sebagai/);
    await tap(PRAJA, "Praja", /nama lengkap/);
    await say(PRAJA, "Ana Putri", /NPP/);
    await say(PRAJA, "310456", /Tingkat berapa/);
    await tap(PRAJA, "II", /kelas atau wisma/);
    await say(PRAJA, "Kelas A1, Wisma Bali", /kampus/);
    await tap(PRAJA, "Jatinangor", /Nomor HP/);
    await tap(PRAJA, "Lewati", /email/i);
    await tap(PRAJA, "Lewati", /Ceritakan keluhan/);
    const hostile = `Sulit tidur <img src=x onerror="document.title='pwned'"> & <b>cemas</b>.`;
    await say(PRAJA, hostile, /Tercatat \(1 pesan\)/);
    const summary = await tap(PRAJA, "Selesai", /Periksa data Anda/);
    expect(await summary.textContent()).toContain("NPP: 31.0456");
    const opened = await tap(PRAJA, "Kirim", /Kasus #1\b/);
    expect(await opened.textContent()).toMatch(/Berikutnya: .*oleh Staf/s);

    // The konselor gets the case card; what the praja typed is shown as text, never as HTML.
    const card = await waitForNew(KONSELOR, /Kasus #1 baru untuk Anda/, 0);
    expect(await card.locator(".text").textContent()).toContain(hostile);
    expect(await page.locator(".pane .msg img").count()).toBe(0);
    expect(await page.locator(".pane .msg b").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");

    // Staf (step 2): Selesai → the konselor's step 3; the staf's task is edited and loses its button.
    const task2 = await waitForNew(STAF, /Langkah 2: Menerima dan menyampaikan/, 0);
    expect(await buttonLabels(task2)).toEqual(["Selesai"]);
    await tap(STAF, "Selesai", /Langkah 3: Konselor intake awal/, KONSELOR);
    const handled = pane(STAF)
      .locator(".msg.bot")
      .filter({ hasText: /Langkah 2/ })
      .last();
    await handled.filter({ hasText: /✓ Anda memilih: Selesai/ }).waitFor();
    expect(await handled.locator("button.choice").count()).toBe(0);
    expect(await handled.textContent()).toContain("(diubah)");

    // The konselor answers the praja by replying (Balas) to the case card; the praja sees it tagged with the case.
    await card.locator("button.reply-action").click();
    await pane(KONSELOR).locator(".replying:not([hidden])").waitFor();
    const relayed = await expectAfter(PRAJA, /Konselor \(Kasus #1\):/, () => type(KONSELOR, "Halo Ana, saya konselor Anda. Kapan bisa bicara?"));
    await waitForNew(KONSELOR, /Terkirim ke klien Kasus #1/, 0);
    // The relay does not expose the counsellor's account (the praja learns their counsellor's name only from the
    // milestone notice of row 3, issue 14 item 12).
    expect(await relayed.textContent()).not.toContain("Dra. Sari");

    // The praja answers with a small file; it reaches the konselor as an attachment.
    await pane(PRAJA)
      .locator('input[type="file"]')
      .setInputFiles({ name: "catatan-tidur.txt", mimeType: "text/plain", buffer: Buffer.from("Senin: 3 jam\nSelasa: 4 jam\n") });
    const withFile = await say(PRAJA, "Ini catatan tidur saya.", /Ini catatan tidur saya/, KONSELOR);
    expect(await withFile.locator("a.file").textContent()).toContain("catatan-tidur.txt");

    // Konselor steps 3 and 3b → the kepala unit's approval, with its two buttons.
    await tap(KONSELOR, "Selesai", /Langkah 3: Rencana penanganan/);
    await tap(KONSELOR, "Selesai", /Tuliskan isi rencana\/laporan/);
    const plan = await say(KONSELOR, "Konseling mingguan, latihan tidur teratur.", /Langkah 4: Melaporkan rencana/, KEPALA);
    expect(await buttonLabels(plan)).toEqual(["Setujui rencana penanganan", "Kembalikan rencana ke konselor"]);
    await tap(KEPALA, "Setujui rencana penanganan", /Langkah 5: Menerima laporan dan membuat janji/, KONSELOR);
    await tap(KONSELOR, "Selesai", /Langkah 6: Melakukan pengawasan/);
    await tap(KONSELOR, "Selesai", /Tuliskan isi rencana\/laporan/);
    const report = await say(KONSELOR, "Tidur membaik; pengawasan selesai.", /Langkah 7: Membuat laporan/, KEPALA);
    expect(await buttonLabels(report)).toEqual(["Kirim laporan ke Rektor", "Kirim laporan ke Rektor + catatan", "Kembalikan ke konselor"]);

    // The rektor gives a disposisi with a note; the konselor's step 9 carries it.
    const disposisi = await tap(KEPALA, "Kirim laporan ke Rektor", /Langkah 8: Memberikan disposisi/, REKTOR);
    expect(await buttonLabels(disposisi)).toEqual(["Selesai"]);
    await tap(REKTOR, "Selesai", /Tuliskan disposisi/);
    const step9 = await say(REKTOR, "Lanjutkan pendampingan dua minggu, laporkan hasilnya.", /Langkah 9: Melaksanakan perintah disposisi/, KONSELOR);
    expect(await step9.textContent()).toContain("Lanjutkan pendampingan dua minggu");

    // The staf archives; the praja hears the case is finished and archived.
    const archive = await tap(KONSELOR, "Selesai", /Langkah 10: Mengarsipkan/, STAF);
    expect(await buttonLabels(archive)).toEqual(["Selesai"]);
    await tap(STAF, "Selesai", /Kasus #1 telah selesai dan diarsipkan/, PRAJA);

    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 }, include: { stepRuns: { orderBy: { askedAt: "asc" } } } });
    expect(c.status).toBe("archived");
    expect(c.stepRuns.map((r) => `${r.stepId}:${r.outcome}`)).toEqual([
      "s1:done",
      "s2:done",
      "s3a:done",
      "s3b:done",
      "s4:approve",
      "s5:done",
      "s6:done",
      "s7:approve",
      "s8:done",
      "s9:done",
      "s10:done",
    ]);

    // A reload shows the conversation so far.
    await page.reload();
    await pane(PRAJA)
      .locator(".msg.bot", { hasText: /Kasus #1 telah selesai dan diarsipkan/ })
      .waitFor();
    await pane(KONSELOR)
      .locator(".msg.bot", { hasText: /Kasus #1 baru untuk Anda/ })
      .waitFor();

    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(existsSync(SCREENSHOT)).toBe(true);
  }, 60_000);

  it("is readable on a phone-sized screen: one pane per row, no sideways scrolling", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    try {
      await phone.goto(w.pageUrl);
      await phone.locator(`.pane[data-pane="${PRAJA}"] .msg`).first().waitFor();
      const widths = (await phone.evaluate("({ page: document.documentElement.scrollWidth, view: window.innerWidth })")) as { page: number; view: number };
      expect(widths.page).toBeLessThanOrEqual(widths.view);
      const [a, b] = await Promise.all([PRAJA, STAF].map((id) => phone.locator(`.pane[data-pane="${id}"]`).boundingBox()));
      expect(b!.y).toBeGreaterThan(a!.y + a!.height - 1);
      // "Praja baru" opens another client pane.
      await phone.locator('section.org[data-org="ipdn"] button.new-client').click();
      const second = phone.locator('.pane[data-pane="ipdn-klien-2"]');
      await second.waitFor();
      expect(await second.locator("h3").textContent()).toBe("Praja 2");
      expect(await second.locator(".msg").count()).toBe(0);
      // The PUSPAGA tab shows that organisation's panes.
      await phone.locator(".tab", { hasText: "PUSPAGA" }).click();
      await phone.locator('.pane[data-pane="puspaga-konselor"]').waitFor();
      expect(await phone.locator('section.org[data-org="ipdn"]').isHidden()).toBe(true);
    } finally {
      await phone.close();
    }
  });

  /** Opens a client pane the way "Praja baru" does; resolves with its id. */
  const openPane = async (org: string): Promise<string> => {
    const answer = (await (
      await w.fetch("/local/panes", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ org }) })
    ).json()) as { pane: string };
    return answer.pane;
  };
  /** How far a pane's log is from showing its newest message, and whether it overflows at all. */
  const scrollOf = (on: Page, id: string) =>
    on.locator(`.pane[data-pane="${id}"] .log`).evaluate((log) => ({
      fromBottom: log.scrollHeight - log.scrollTop - log.clientHeight,
      top: log.scrollTop,
      overflows: log.scrollHeight > 2 * log.clientHeight,
    }));

  it("shows its icon: the browser's icon request is answered, and nothing the page asks for is missing", async () => {
    const fresh = await browser.newPage();
    const failures: string[] = [];
    fresh.on("response", (r) => void (r.status() >= 400 && failures.push(`${r.status()} ${r.url()}`)));
    fresh.on("requestfailed", (r) => void failures.push(`failed ${r.url()}`));
    try {
      const icon = fresh.waitForResponse((r) => /^\/(favicon\.ico|local\/favicon\.svg)$/.test(new URL(r.url()).pathname));
      await fresh.goto(w.pageUrl);
      await fresh.locator(".conn", { hasText: "Tersambung" }).waitFor();
      const answer = await icon;
      expect(answer.status()).toBe(200);
      expect(answer.headers()["content-type"]).toBe("image/svg+xml");
      expect(await answer.text()).toMatch(/^<svg /);
      // Tools that do not read the page ask for /favicon.ico: it is there too.
      const ico = await fetch(`${w.url}favicon.ico`);
      expect([ico.status, ico.headers.get("content-type")]).toEqual([200, "image/svg+xml"]);
      expect(failures).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it("turns http(s) addresses in a message into links that open in a new tab, and nothing else into HTML", async () => {
    const id = await openPane("ipdn");
    await page.goto(w.pageUrl);
    await pane(id).waitFor();
    const text =
      "Jadwal: https://contoh.id/jadwal?hari=senin&jam=10. Lihat (http://127.0.0.1:9/Wiki_(demo)), <b>tebal</b> javascript:alert(1) ftp://contoh.id/x data:text/html,hi";
    await type(id, text);
    const message = pane(id).locator(".msg.me").filter({ hasText: "Jadwal:" }).last();
    await message.waitFor();
    const links = await message
      .locator(".text a")
      .evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent, target: a.getAttribute("target"), rel: a.getAttribute("rel") })),
      );
    expect(links).toEqual([
      { href: "https://contoh.id/jadwal?hari=senin&jam=10", text: "https://contoh.id/jadwal?hari=senin&jam=10", target: "_blank", rel: "noopener noreferrer" },
      { href: "http://127.0.0.1:9/Wiki_(demo)", text: "http://127.0.0.1:9/Wiki_(demo)", target: "_blank", rel: "noopener noreferrer" },
    ]);
    // The text reads exactly as typed; what looked like HTML stayed text.
    expect(await message.locator(".text").textContent()).toBe(text);
    expect(await message.locator(".text *:not(a)").count()).toBe(0);
  });

  it("keeps each pane on its newest message: after a reload, in the other tab, and as messages arrive, unless scrolled up", async () => {
    const ipdn = await openPane("ipdn");
    const puspaga = await openPane("puspaga");
    const note = (i: number) => `Catatan ${i}\nbaris dua\nbaris tiga`;
    for (const id of [ipdn, puspaga]) for (let i = 1; i <= 12; i++) expect((await w.post({ pane: id, text: note(i) })).body.ok).toBe(true);
    const lastNote = (on: Page, id: string, i: number) => on.locator(`.pane[data-pane="${id}"] .msg.me`, { hasText: `Catatan ${i}` }).waitFor();

    await page.goto(w.pageUrl);
    await lastNote(page, ipdn, 12);
    await page.reload();
    await lastNote(page, ipdn, 12);
    expect(await scrollOf(page, ipdn)).toMatchObject({ fromBottom: expect.toSatisfy((d: number) => d < 2), overflows: true });

    // The other organisation's tab was hidden while its messages came: shown, it opens on the newest.
    await page.locator(".tab", { hasText: "PUSPAGA" }).click();
    await lastNote(page, puspaga, 12);
    expect(await scrollOf(page, puspaga)).toMatchObject({ fromBottom: expect.toSatisfy((d: number) => d < 2), overflows: true });
    await page.locator(".tab", { hasText: "IPDN" }).click();

    // A new message while at the bottom: the pane follows it.
    await type(ipdn, "Catatan 13");
    await lastNote(page, ipdn, 13);
    expect((await scrollOf(page, ipdn)).fromBottom).toBeLessThan(2);

    // Scrolled up to read older messages: a new one does not pull the pane down.
    await page.locator(`.pane[data-pane="${ipdn}"] .log`).evaluate(
      (log) =>
        new Promise<void>((resolve) => {
          log.addEventListener("scroll", () => resolve(), { once: true });
          log.scrollTo({ top: 0 });
        }),
    );
    expect((await w.post({ pane: ipdn, text: "Catatan 14" })).body.ok).toBe(true);
    await lastNote(page, ipdn, 14);
    expect((await scrollOf(page, ipdn)).top).toBe(0);
  }, 30_000);
});
