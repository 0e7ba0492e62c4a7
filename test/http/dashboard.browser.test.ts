// The dashboard in a real browser: Debian's chromium driven by playwright-core, against the whole service
// with telegraf pointed at the fake Bot API server. A praja registers in chat (the intake renders the
// registration form as a PDF for the counsellor); the counsellor asks the bot for /dasbor, opens the link,
// presses Masuk, sees their case, opens it (and on a phone-sized page sees each step as a card leading with
// step, who, deadline and result), downloads the PDF and logs out. The browser posts the forms
// itself (Origin, Sec-Fetch-Site and Referrer-Policy are its own), which is what the HTTP tests cannot show.
// The service clock is injected: a Wednesday in working time, moving with the real one.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, BrowserContext } from "playwright-core";
import { chromiumMissing, launchChromium } from "../support/chromium.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";
import { waitFor } from "../support/waitFor.ts";

const missing = chromiumMissing;

const START = new Date("2026-12-02T10:00:00+07:00"); // Wednesday, working time
const praja: FakeUser = { id: 3101, first_name: "Ana" };
const konselor: FakeUser = { id: 3201, first_name: "Sari" };

// In CI a missing chromium is a failure (the launch below throws), never a silent skip.
describe.skipIf(missing !== null && !process.env.CI)(`the dashboard in a browser ${missing ?? ""}`, () => {
  let w: TelegramWorld;
  let browser: Browser;
  let context: BrowserContext;
  let caseNo: number;
  let loginUrl: string;

  beforeAll(async () => {
    const started = Date.now();
    w = await startTelegramWorld({ service: { clock: () => new Date(START.getTime() + (Date.now() - started)) } });
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    caseNo = await w.registerPraja(praja, { keluhan: ["Sulit tidur sejak ujian."] });
    // The intake asks for the registration form; the document worker renders it.
    const prisma = w.app.db.prisma;
    await waitFor(
      "the registration form rendered",
      async () => (await prisma.document.count({ where: { case: { number: caseNo }, kind: "formulir_pendaftaran", status: "ready" } })) === 1,
      20_000,
    );
    // The counsellor asks the bot for a login link, as staff do.
    const link = await w.say(konselor, "/dasbor", /dasbor\/masuk\//);
    loginUrl = /(http:\/\/\S+\/dasbor\/masuk\/[A-Za-z0-9_-]+)/.exec(link.text ?? "")![1]!;
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await w?.close();
  });

  it("logs in from the chat's link, opens the case, downloads its PDF and logs out", async () => {
    const page = await context.newPage();
    // What the browser sent with each form post, to show the same-origin headers are the browser's own.
    const posts: Record<string, string>[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.headers());
    });

    const opened = await page.goto(loginUrl);
    expect(opened!.status()).toBe(200);
    expect(await page.locator("h1").textContent()).toBe("Masuk ke dasbor");
    const [pressed] = await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.getByRole("button", { name: "Masuk" }).click()]);
    const refusal = (await pressed.text().catch(() => "")).replace(/[\s\S]*<main>|<\/main>[\s\S]*|<[^>]+>/g, " ").trim();
    expect(pressed.status(), refusal).toBe(303);
    expect(posts[0]?.origin).toBe(new URL(loginUrl).origin);
    await page.waitForURL(/\/dasbor$/);

    // The counsellor's home: their case in the list, with a link to it.
    expect(await page.locator("h1").textContent()).toBe("Dasbor Pintu Konseling");
    expect(await page.locator(".who").textContent()).toContain("Dra. Sari");
    const caseLink = page.locator(`table.cases a[href="/dasbor/kasus/${caseNo}"]`);
    await Promise.all([page.waitForURL(new RegExp(`/dasbor/kasus/${caseNo}$`)), caseLink.click()]);
    expect(await page.locator("h1").textContent()).toBe(`Kasus #${caseNo}`);
    expect(await page.locator(".keluhan").textContent()).toContain("Sulit tidur sejak ujian.");

    // The registration form, as a real download.
    const row = page.locator("table.documents tr", { hasText: "Formulir Pendaftaran" });
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: "Unduh PDF" }).click()]);
    expect(download.suggestedFilename()).toBe(`kasus-${caseNo}-formulir-pendaftaran.pdf`);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const { id: caseId } = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: caseNo }, select: { id: true } });
    expect(await w.app.db.prisma.auditEvent.count({ where: { type: "dashboard_document_download", caseId } })).toBe(1);

    // On a phone the same page shows each step as a card leading with step, who, deadline and result.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(page.url());
    const widths = (await phone.evaluate("({ page: document.documentElement.scrollWidth, view: window.innerWidth })")) as { page: number; view: number };
    expect(widths.page).toBeLessThanOrEqual(widths.view);
    const card = phone.locator('table.timeline tr[data-step="s1"]');
    const tops: number[] = [];
    for (const cell of ["step", "who", "deadline", "result", "asked", "acted", "actual", "escalation"])
      tops.push((await card.locator(`td.${cell}`).boundingBox())!.y);
    expect([...tops].sort((a, b) => a - b)).toEqual(tops); // one under the other, in this order
    expect(tops[3]!).toBeLessThan(tops[4]!);
    expect(await card.locator("td.who").textContent()).toContain("oleh Ana Praja"); // the counsellor sees their client's name
    expect(
      await card
        .locator("td.who")
        .evaluate(
          (td) => (globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }).getComputedStyle(td, "::before").content,
        ),
    ).toBe('"Pelaksana: "');
    await phone.close();

    // Logout from the bar; then the dashboard asks to log in again.
    await page.getByRole("button", { name: "Keluar" }).click();
    await page.locator("main", { hasText: "Anda sudah keluar dari dasbor." }).waitFor();
    expect(posts).toHaveLength(2);
    expect(posts[1]?.origin).toBe(new URL(loginUrl).origin);
    const again = await page.goto(new URL("/dasbor", loginUrl).href);
    expect(again!.status()).toBe(401);
    expect(await page.locator("main").textContent()).toContain("Kirim /dasbor");
    // The link was spent by the first press.
    expect((await page.goto(loginUrl))!.status()).toBe(401);
    await page.close();
  });
});
