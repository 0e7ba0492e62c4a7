// Nothing lost, nothing twice, across crashes: the product runs as its own process on a SQLite file and
// long-polls the fake Bot API; 200 PUSPAGA clients register in one go (every answer typed, ~1,800 updates),
// and the process is killed with SIGKILL at random moments several times and restarted. At the end every
// client has every answer and exactly one case; duplicates can only come from a kill that fell between
// "Telegram accepted the message" and "the outbox row is marked sent" — they are counted and reported.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { parseDatabaseUrl } from "../../src/store/databaseTarget.ts";
import { DEFAULT_OUTBOX_LANES } from "../../src/notify/outboxDispatcher.ts";
import { startFakeBotApi, type FakeBotApi, type FakeUser } from "../fakes/telegramBotApi.ts";
import { waitFor } from "../support/waitFor.ts";
import { TEST_KEYS_ENV } from "../support/testKeys.ts";

const CLIENTS = Number(process.env.PINTU_CRASH_CLIENTS ?? 200);
const KILLS = Number(process.env.PINTU_CRASH_KILLS ?? 5);
const users: FakeUser[] = Array.from({ length: CLIENTS }, (_, i) => ({ id: 20_000 + i, first_name: `K${i}` }));
/** A name of letters only (names are letters), different per client. */
const nameOf = (u: FakeUser) => `Klien ${[...String(u.id)].map((d) => "abcdefghij"[Number(d)]).join("")}`;
const ANSWERS = (u: FakeUser) => ["/start puspaga", "setuju", nameOf(u), "Pangkalpinang", "lewati", "lewati", `Keluhan klien ${u.id}.`, "selesai", "kirim"];
/** What each client must have received, once each. */
const EXPECTED = [
  /Apakah Anda setuju/,
  /^Siapa nama lengkap/,
  /^Di kabupaten\/kota/,
  /^Nomor HP untuk/,
  /^Alamat email untuk/,
  /^Ceritakan keluhan/,
  /^Tercatat \(1 pesan\)/,
  /^Periksa data Anda/,
  /diterima sebagai Kasus #\d+/,
];

describe("crash test: SIGKILL at random moments", () => {
  let fake: FakeBotApi;
  let child: ChildProcess | undefined;
  let db: Database;
  const dir = mkdtempSync(join(tmpdir(), "pintu-crash-"));
  const databaseUrl = `file:${join(dir, "crash.db")}`;

  const start = () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        HTTP_PORT: "0",
        LOG_LEVEL: process.env.PINTU_CRASH_DEBUG ? "info" : "silent",
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        TELEGRAM_PER_CHAT_INTERVAL_MS: "0",
        TELEGRAM_MAX_PER_SECOND: "1000",
        OUTBOX_CLAIM_TIMEOUT_SECONDS: "2",
        DEADLINE_CHECK_SECONDS: "3600",
        ...TEST_KEYS_ENV,
      },
      stdio: process.env.PINTU_CRASH_DEBUG ? "inherit" : "ignore",
    });
  };
  const kill = async () => {
    const c = child!;
    if (c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once("exit", r));
    c.kill("SIGKILL");
    await exited;
  };
  const receivedAll = () => users.every((u) => EXPECTED.every((re) => fake.sentTo(u.id).some((m) => re.test(m.text ?? ""))));

  beforeAll(async () => {
    fake = await startFakeBotApi({ token: "123456789:AAH-fake-token-for-tests_0123456789" });
    // Every client's whole intake is queued up front, in order per chat, as a quick typist would send it.
    for (const text of ANSWERS(users[0]!).map((_, i) => i)) for (const u of users) fake.userSends(u, ANSWERS(u)[text]!);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) await kill();
    await db?.close();
    await fake?.close();
  });

  it("delivers every expected message and opens every case once, counting duplicates", async () => {
    start();
    for (let k = 0; k < KILLS; k++) {
      await new Promise((r) => setTimeout(r, 1500 + Math.floor(Math.random() * 2500)));
      await kill();
      start();
    }
    const until = Date.now() + (process.env.PINTU_CRASH_DEBUG ? 15_000 : 150_000);
    while (!receivedAll() && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    db = await openDatabase(parseDatabaseUrl(databaseUrl), { migrate: false });
    // Settled: every update confirmed (telegraf confirms a batch only once it is handled) and no row left to
    // send, a row a killed process had claimed included (it is taken again after the claim timeout, which is
    // where a late duplicate comes from). From then on the process sends nothing more.
    const unsent = () => db.prisma.outbox.count({ where: { status: { in: ["pending", "sending"] } } });
    if (receivedAll())
      await waitFor("every update handled and every queued message sent", async () => fake.pendingUpdates.length === 0 && (await unsent()) === 0, 60_000);
    await kill();

    if (process.env.PINTU_CRASH_DEBUG)
      console.log(
        fake.calls
          .slice(0, 12)
          .map((c) => `${c.method} ${JSON.stringify(c.params).slice(0, 120)} ${c.failed ? JSON.stringify(c.error) : ""}`)
          .join("\n"),
      );
    const missing = users.filter((u) => !EXPECTED.every((re) => fake.sentTo(u.id).some((m) => re.test(m.text ?? ""))));
    expect(missing.map((u) => u.id)).toEqual([]);
    let duplicates = 0;
    for (const u of users) for (const re of EXPECTED) duplicates += Math.max(0, fake.sentTo(u.id).filter((m) => re.test(m.text ?? "")).length - 1);
    const cases = await db.prisma.case.findMany({ select: { clientId: true } });
    expect(cases).toHaveLength(CLIENTS);
    expect(new Set(cases.map((c) => c.clientId)).size).toBe(CLIENTS);
    const sent = await db.prisma.outbox.count({ where: { status: "sent" } });
    console.log(
      `crash test: ${KILLS} SIGKILLs, ${CLIENTS} clients, ${sent} messages sent, ${duplicates} duplicate deliveries (each from a kill between Telegram's answer and the row marked sent)`,
    );
    // At most what was in flight at a kill: one message per chat lane.
    expect(duplicates).toBeLessThanOrEqual(DEFAULT_OUTBOX_LANES * KILLS);
  }, 240_000);
});
