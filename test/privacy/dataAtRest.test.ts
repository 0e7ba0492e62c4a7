// Counselling data at rest: after a full flow (registration, complaint, relayed messages both ways, a
// revision reason, a plan, a report, a disposisi, the PDFs), none of the test's complaint text, names or
// numbers appear in plaintext in the SQLite files or in a PostgreSQL dump.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { canTest, PG_URL, type DbKind } from "../support/databases.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const SECRETS = {
  name: "Ratna Kusumawardani",
  npp: "31.9876",
  phone: "081299887766",
  email: "ratna.k@contoh.id",
  complaint: "Saya sering mimpi buruk tentang orang tua saya",
  relayIn: "Terima kasih Bu, saya lega sekali",
  relayOut: "Ratna, mari kita bertemu Kamis",
  plan: "Konseling kognitif perilaku delapan sesi",
  report: "Gejala kecemasan menurun setelah empat sesi",
  disposisi: "Teruskan pendampingan hingga semester genap",
  counsellor: "Dra. Wulandari Pratiwi",
};
/** The ways the numbers can be written in storage. */
const NEEDLES = [...Object.values(SECRETS), "319876", "+6281299887766", "6281299887766", "Kusumawardani"];

async function fullFlow(w: TelegramWorld) {
  const praja: FakeUser = { id: 9901, first_name: "Ratna" };
  const konselor: FakeUser = { id: 9902, first_name: "W" };
  const staf: FakeUser = { id: 9903, first_name: "B" };
  const kepala: FakeUser = { id: 9904, first_name: "K" };
  const rektor: FakeUser = { id: 9905, first_name: "R" };
  await w.linkStaff(konselor, { roles: ["konselor"], name: SECRETS.counsellor });
  await w.linkStaff(staf, { roles: ["staf"], name: "Budi Staf" });
  await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
  await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor" });
  await w.say(praja, "/start", /setuju/i);
  await w.tap(praja, "Setuju", /mendaftar sebagai/);
  await w.tap(praja, "Praja", /nama lengkap/);
  await w.say(praja, SECRETS.name, /NPP/);
  await w.say(praja, SECRETS.npp, /Tingkat/);
  await w.tap(praja, "II", /kelas/);
  await w.say(praja, "A1", /kampus/i);
  await w.tap(praja, "Jatinangor", /Nomor HP/);
  await w.say(praja, SECRETS.phone, /email/i);
  await w.say(praja, SECRETS.email, /keluhan/);
  await w.say(praja, SECRETS.complaint, /Tercatat/);
  await w.tap(praja, "Selesai", /Periksa data/);
  await w.tap(praja, "Kirim", /Kasus #1/);
  const card = await w.waitForMessage(konselor, /Kasus #1 baru untuk Anda/);
  let n = w.count(praja);
  w.fake.userReplies(konselor, card.message_id, SECRETS.relayOut);
  await w.waitForMessage(praja, new RegExp(SECRETS.relayOut), { after: n });
  n = w.count(konselor);
  w.fake.userSends(praja, SECRETS.relayIn);
  await w.waitForMessage(konselor, new RegExp(SECRETS.relayIn), { after: n });
  await w.press(staf, "Selesai");
  await w.waitForMessage(konselor, /Langkah 3: Konselor intake awal/);
  await w.tap(konselor, "Selesai", /Langkah 3: Rencana/);
  await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
  await w.say(konselor, SECRETS.plan, /Langkah 4/, kepala);
  await w.tap(kepala, "Setujui rencana penanganan", /Langkah 5/, konselor);
  await w.tap(konselor, "Selesai", /Langkah 6/);
  await w.tap(konselor, "Selesai", /Tuliskan isi rencana/);
  await w.say(konselor, SECRETS.report, /Langkah 7/, kepala);
  await w.tap(kepala, "Kirim laporan ke Rektor", /Langkah 8/, rektor);
  await w.tap(rektor, "Selesai", /Tuliskan disposisi/);
  await w.say(rektor, SECRETS.disposisi, /Langkah 9/, konselor);
  // Every document rendered, every message sent: nothing left in flight.
  const until = Date.now() + 20_000;
  while ((await w.app.db.prisma.document.count({ where: { status: { not: "ready" } } })) > 0 && Date.now() < until)
    await new Promise((r) => setTimeout(r, 100));
  expect(await w.app.db.prisma.document.count({ where: { status: "ready" } })).toBeGreaterThanOrEqual(4);
}

function found(haystack: Buffer): string[] {
  const text = haystack.toString("latin1");
  const utf16 = haystack.toString("utf16le");
  return NEEDLES.filter((needle) => text.includes(needle) || utf16.includes(needle) || haystack.includes(Buffer.from(needle, "utf8")));
}

describe.each(["sqlite", "postgres"] as DbKind[])("no plaintext at rest on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let w: TelegramWorld;
  afterAll(async () => w?.close());

  it("keeps the complaint, names and numbers out of the stored bytes after a full flow", async () => {
    w = await startTelegramWorld({ kind });
    await fullFlow(w);
    // The values are there, readable through the product...
    const c = await w.app.db.prisma.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(c.intakeJson).toContain(SECRETS.complaint);
    const stored = await w.app.db.raw.case.findUniqueOrThrow({ where: { number: 1 } });
    expect(stored.intakeJson).toMatch(/^enc:v1:/);
    // ...and nowhere in what is stored.
    if (kind === "sqlite") {
      await w.stopService(); // closes the database: the WAL is checkpointed into the file
      const dir = dirname(w.target.kind === "sqlite" ? w.target.file : "");
      const files = readdirSync(dir).filter((f) => f.startsWith("test.db"));
      expect(files.length).toBeGreaterThan(0);
      for (const f of files) expect(found(readFileSync(`${dir}/${f}`)), f).toEqual([]);
    } else {
      const pgDump = execFileSync("bash", ["-c", "ls /usr/lib/postgresql/*/bin/pg_dump | sort -V | tail -n1"]).toString().trim();
      const url = new URL(w.target.url);
      const dump = execFileSync(
        pgDump,
        ["--data-only", "--no-owner", "-h", url.hostname, "-p", url.port, "-U", decodeURIComponent(url.username || "postgres"), url.pathname.slice(1)],
        {
          maxBuffer: 256 * 1024 * 1024,
        },
      );
      expect(dump.length).toBeGreaterThan(1000);
      expect(found(dump)).toEqual([]);
      void PG_URL;
    }
  }, 120_000);
});
