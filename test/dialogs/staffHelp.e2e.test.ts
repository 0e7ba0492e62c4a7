// /bantuan (/help) lists what the person's roles can use, over the real telegraf client and the fake Bot API:
// a counsellor sees how to answer clients, /link and /tersedia; the Rektor sees none of those.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const konselor: FakeUser = { id: 6501, first_name: "Sari" };
const rektor: FakeUser = { id: 6502, first_name: "Rektor" };

describe("/bantuan by role", () => {
  let w: TelegramWorld;
  beforeAll(async () => {
    w = await startTelegramWorld();
    await w.linkStaff(konselor, { roles: ["konselor"], name: "Dra. Sari" });
    await w.linkStaff(rektor, { roles: ["rektor"], name: "Rektor IPDN" });
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
});
