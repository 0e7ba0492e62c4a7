// A withdrawal of consent is acted on within 3×24 hours (UU 27/2022), on a controlled clock: the Kepala Unit's
// request shows the deadline; 47 hours on nothing more happens; at 48 hours (ERASURE_ESCALATE_HOURS) the Kepala Unit
// is reminded with the confirm button, the Kepala Biro (whom they answer to) and ADMIN_CONTACTS are told, once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { createAdminAlerts } from "../../src/notify/adminAlerts.ts";
import { escalateDueErasures, type ErasureClockDeps } from "../../src/jobs/erasureClock.ts";
import type { FakeUser } from "../fakes/telegramBotApi.ts";
import { buttonsOf, startTelegramWorld, type TelegramWorld } from "../support/telegramService.ts";

const praja: FakeUser = { id: 9901, first_name: "Nina" };
const kepala: FakeUser = { id: 9902, first_name: "Kepala" };
const biro: FakeUser = { id: 9903, first_name: "Biro" };
const admin: FakeUser = { id: 9904, first_name: "Admin" };
const HOUR = 3600_000;
const wib = (local: string) => new Date(`${local}+07:00`);

describe("the erasure clock", () => {
  let w: TelegramWorld;
  let now = wib("2027-03-01T10:00:00"); // a Monday
  let deps: ErasureClockDeps;
  beforeAll(async () => {
    w = await startTelegramWorld({ env: { ADMIN_CONTACTS: `telegram:${admin.id}` }, service: { clock: () => now } });
    await w.linkStaff(kepala, { roles: ["kepala_unit"], name: "Kepala Unit" });
    await w.linkStaff(biro, { roles: ["kepala_biro"], name: "Kepala Biro" });
    await w.registerPraja(praja);
    deps = {
      prisma: w.app.db.prisma,
      flows: w.app.flows,
      defaultOrgId: "ipdn",
      escalateAfterHours: w.app.config.dataProtection.escalateAfterHours,
      alertAdmins: createAdminAlerts({ prisma: w.app.db.prisma, contacts: w.app.config.adminContacts, log: createLogger("silent") }),
    };
  }, 60_000);
  afterAll(async () => w?.close());

  it("shows the deadline to whoever confirms, and escalates before it runs out, once", async () => {
    await w.say(praja, "/hapus", /Permintaan penghapusan data Anda telah dicatat/);
    const request = await w.waitForMessage(kepala, /Permintaan penghapusan data dari klien/);
    expect(request.text).toMatch(/Batas waktu: Kamis, 4 Maret 2027 10\.00 WIB/);
    expect(w.app.config.dataProtection.escalateAfterHours).toBe(48);

    expect(await escalateDueErasures(deps, new Date(now.getTime() + 47 * HOUR))).toBe(0);
    const biroBefore = w.count(biro);
    expect(await escalateDueErasures(deps, new Date(now.getTime() + 48 * HOUR))).toBe(1);
    const reminder = await w.waitForMessage(kepala, /PERINGATAN: permintaan penghapusan data klien Kasus #1[\s\S]*tinggal 24 jam/);
    expect(buttonsOf(reminder).map((b) => b.text)).toEqual(["Konfirmasi penghapusan"]);
    const told = await w.waitForMessage(biro, /PERINGATAN: permintaan penghapusan data/, { after: biroBefore });
    expect(buttonsOf(told)).toEqual([]);
    await w.waitForMessage(admin, /erasure request .* is not confirmed yet; it is due 2027-03-04T03:00:00\.000Z/);
    expect(await escalateDueErasures(deps, new Date(now.getTime() + 50 * HOUR))).toBe(0);

    // Confirmed from the reminder: nothing is pending any more.
    now = new Date(now.getTime() + 49 * HOUR);
    await w.tap(kepala, "Konfirmasi penghapusan", /Data klien telah dihapus/);
    expect(await escalateDueErasures(deps, new Date(now.getTime() + 30 * HOUR))).toBe(0);
  });
});
