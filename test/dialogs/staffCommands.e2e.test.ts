// A staff member's own commands, over the real telegraf client and the fake Bot API: /bantuan (/help) lists what
// the person's roles can use (a counsellor sees how to answer clients, /link and /tersedia; the Rektor none of
// those); /kasus shows what waits for them and, for a counsellor, where each of their other cases stands.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const konselor: FakeUser = { id: 6501, first_name: "Sari" };
const rektor: FakeUser = { id: 6502, first_name: "Rektor" };
const staf: FakeUser = { id: 6503, first_name: "Budi" };

describe("/bantuan by role", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
    await w.linkStaff(staf, { roles: ["staf"], name: "Budi" });
  });
  afterAll(async () => w?.close());

  it("a counsellor is told how to answer clients, add a session link and set availability", async () => {
    const help = await w.say(konselor, "/bantuan", /Anda terhubung sebagai Konselor\/Psikolog/);
    for (const line of ["/balas", "/kasus —", "/link", "/tersedia", "/dasbor"]) expect(help.text).toContain(line);
  });

  it("the Rektor is not offered the counsellor's commands", async () => {
    const help = await w.say(rektor, "/help", /Anda terhubung sebagai Rektor/);
    expect(help.text).toContain("/kasus —");
    expect(help.text).toContain("/dasbor");
    for (const line of ["/balas", "/link", "/tersedia"]) expect(help.text).not.toContain(line);
  });

  it("/kasus lists the steps waiting for the counsellor and where their other cases stand", async () => {
    await w.registerPraja({ id: 6601, first_name: "Ana" });
    await w.registerPraja({ id: 6602, first_name: "Budi" });
    // Case #1 moves on to the counsellor; case #2 still waits for the staf.
    const task = w.fake.sentTo(staf.id).find((m) => /Kasus #1 —/.test(m.text ?? ""))!;
    await w.press(staf, "Selesai", task);
    await w.waitForMessage(konselor, /Kasus #1 — [\s\S]*Langkah 3: Konselor intake awal/);
    const list = await w.say(konselor, "/kasus", /Menunggu Anda \(1\):/);
    expect(list.text).toMatch(/Menunggu Anda \(1\):\nKasus #1, langkah 3/);
    expect(list.text).toMatch(/Kasus yang Anda tangani dan sedang berjalan \(1\):\nKasus #2: langkah 2 oleh Staf, paling lambat/);
    const staffList = await w.say(staf, "/kasus", /Menunggu Anda \(1\):/);
    expect(staffList.text).toMatch(/Kasus #2, langkah 2/);
    expect(staffList.text).not.toMatch(/Kasus yang Anda tangani/);
  });
});
