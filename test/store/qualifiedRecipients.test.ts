// Routing by Kualifikasi Pelaksana on SQLite and PostgreSQL: a step that requires a qualification goes only to
// people holding one (the case's counsellor when qualified, else the qualified counsellors), and the engine lets
// only a holder record it: the case's counsellor, or a qualified counsellor when the case's counsellor is not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowSchema, organisationSchema } from "../../src/flows/flowSchema.ts";
import { counsellorRequirements } from "../../src/flows/qualifications.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { pickCounsellor } from "../../src/store/counsellorRouting.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { syncOrganisations } from "../../src/store/organisationRepository.ts";
import { grantQualification, qualificationsOf, revokeQualification } from "../../src/store/staffQualifications.ts";
import { DB_KINDS, canTest, freshDatabase } from "../support/databases.ts";

const organisation = organisationSchema.parse({
  id: "unit",
  name: "Unit Uji",
  calendar: { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: [] },
  roles: ["klien", "staf", "konselor", "kepala_unit"].map((id) => ({ id, label: id })),
  escalation: { klien: "konselor", staf: "kepala_unit", konselor: "kepala_unit", kepala_unit: null },
  qualifications: [
    { id: "psikolog", label: "Psikolog" },
    { id: "s1_bk", label: "S1 BK" },
  ],
});
const flow = flowSchema.parse({
  id: "periksa",
  title: "Pemeriksaan",
  organisation: "unit",
  source: "test",
  steps: [
    {
      id: "s1",
      no: "1",
      activity: "Pemeriksaan psikologis",
      role: "konselor",
      time: "1d",
      output: "Hasil",
      action: "form",
      requires_qualification: ["psikolog"],
      next: "s2",
    },
    {
      id: "s2",
      no: "2",
      activity: "Konseling lanjutan",
      role: "staf",
      time: "1d",
      output: "Catatan",
      action: "form",
      requires_qualification: ["s1_bk"],
      next: "s3",
    },
    { id: "s3", no: "3", activity: "Mengarsipkan", role: "staf", time: "15m", output: "Arsip", action: "archive" },
  ],
});
const ctx = { flow, organisation };
const monday0800 = new Date("2026-11-30T08:00:00+07:00");

describe.each(DB_KINDS)("routing by qualification on %s", (kind) => {
  if (!canTest(kind)) return void it.skip("PostgreSQL: set PINTU_TEST_PG_URL (.ci/run does)", () => {});
  let db: Database;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await openDatabase(await freshDatabase(kind));
    await syncOrganisations(db.prisma, [organisation]);
    const person = async (name: string, role?: string) => {
      const p = await db.prisma.person.create({ data: { kind: role ? "staff" : "client", displayName: name } });
      await db.prisma.channelIdentity.create({ data: { personId: p.id, channel: "telegram", address: `tg-${name}` } });
      if (role) await db.prisma.staffRole.create({ data: { personId: p.id, orgId: "unit", role } });
      ids[name] = p.id;
    };
    await person("klien");
    await person("ani", "konselor"); // the case's counsellor, not a psikolog
    await person("budi", "konselor"); // a psikolog
    await person("citra", "konselor"); // neither
    await person("dedi", "staf"); // S1 BK
    await person("eka", "staf"); // none
    await grantQualification(db.prisma, { personId: ids.budi!, orgId: "unit", qualification: "psikolog", at: monday0800 });
    await grantQualification(db.prisma, { personId: ids.dedi!, orgId: "unit", qualification: "s1_bk", at: monday0800 });
  });
  afterAll(async () => db?.close());

  const taskAddresses = async (caseId: string, stepId: string) => {
    const run = await db.prisma.stepRun.findFirstOrThrow({ where: { caseId, stepId }, orderBy: { askedAt: "desc" } });
    const rows = await db.prisma.outbox.findMany({ where: { stepRunId: run.id } });
    return rows.map((r) => r.address).sort();
  };
  const actor = async (name: string, role: string) => ({
    personId: ids[name]!,
    roles: [role],
    qualifications: await qualificationsOf(db.prisma, { personId: ids[name]!, orgId: "unit" }),
  });
  /** `name`, holding `role`, records the step as done. */
  const record = async (caseId: string, stepId: string, name: string, role: string) =>
    applyCaseEvent(db.prisma, ctx, caseId, { type: "step_done", stepId, outcome: "done", actor: await actor(name, role), at: monday0800 });

  it("grants a qualification once and revokes it", async () => {
    expect(await grantQualification(db.prisma, { personId: ids.budi!, orgId: "unit", qualification: "psikolog", at: monday0800 })).toBe(false);
    expect(await grantQualification(db.prisma, { personId: ids.citra!, orgId: "unit", qualification: "s1_bk", at: monday0800 })).toBe(true);
    expect(await qualificationsOf(db.prisma, { personId: ids.citra!, orgId: "unit" })).toEqual(["s1_bk"]);
    expect(await revokeQualification(db.prisma, { personId: ids.citra!, orgId: "unit", qualification: "s1_bk" })).toBe(true);
    expect(await revokeQualification(db.prisma, { personId: ids.citra!, orgId: "unit", qualification: "s1_bk" })).toBe(false);
  });

  it("a psikolog step of a case whose counsellor is not one goes to the psikolog only; only a holder records it", async () => {
    const c = await openCase(db.prisma, ctx, { clientId: ids.klien!, counsellorId: ids.ani!, at: monday0800 });
    expect(await taskAddresses(c.id, "s1")).toEqual(["tg-budi"]);

    const by = (name: string, role: string) => record(c.id, "s1", name, role);
    expect(await by("ani", "konselor")).toEqual({ ok: false, refusal: { reason: "wrong_role", needed: "konselor" } });
    expect(await by("citra", "konselor")).toEqual({ ok: false, refusal: { reason: "wrong_role", needed: "konselor" } });
    expect((await by("budi", "konselor")).ok).toBe(true);

    // The staf step requiring S1 BK: to Dedi, not to Eka; Eka may not record it.
    expect(await taskAddresses(c.id, "s2")).toEqual(["tg-dedi"]);
    const eka = await record(c.id, "s2", "eka", "staf");
    expect(eka.ok).toBe(false);
    const dedi = await record(c.id, "s2", "dedi", "staf");
    expect(dedi.ok).toBe(true);
    // The archive step requires nothing: every staf gets it.
    expect(await taskAddresses(c.id, "s3")).toEqual(["tg-dedi", "tg-eka"]);
  });

  it("once the case's counsellor is a psikolog, the step is theirs alone", async () => {
    await grantQualification(db.prisma, { personId: ids.ani!, orgId: "unit", qualification: "psikolog", at: monday0800 });
    const c = await openCase(db.prisma, ctx, { clientId: ids.klien!, counsellorId: ids.ani!, at: monday0800 });
    expect(await taskAddresses(c.id, "s1")).toEqual(["tg-ani"]);
    const budi = await record(c.id, "s1", "budi", "konselor");
    expect(budi).toEqual({ ok: false, refusal: { reason: "wrong_role", needed: "konselor" } });
    expect(
      (await applyCaseEvent(db.prisma, ctx, c.id, { type: "step_done", stepId: "s1", outcome: "done", actor: await actor("ani", "konselor"), at: monday0800 }))
        .ok,
    ).toBe(true);
    await revokeQualification(db.prisma, { personId: ids.ani!, orgId: "unit", qualification: "psikolog" });
  });

  it("a new case's counsellor is one qualified for the flow's counsellor steps, when there is one", async () => {
    const client = (await db.prisma.person.create({ data: { kind: "client" } })).id;
    expect(counsellorRequirements(flow)).toEqual([["psikolog"]]);
    expect(await pickCounsellor(db.prisma, { orgId: "unit", clientId: client, qualifiedFor: counsellorRequirements(flow) })).toBe(ids.budi);
    // Nobody holds both: any available counsellor, as without requirements.
    const anyone = await pickCounsellor(db.prisma, { orgId: "unit", clientId: client, qualifiedFor: [["psikolog"], ["s1_bk"]] });
    expect([ids.ani, ids.budi, ids.citra]).toContain(anyone);
  });

  it("nobody qualified: the task reaches nobody and that is audited", async () => {
    await revokeQualification(db.prisma, { personId: ids.budi!, orgId: "unit", qualification: "psikolog" });
    const c = await openCase(db.prisma, ctx, { clientId: ids.klien!, counsellorId: ids.ani!, at: monday0800 });
    expect(await taskAddresses(c.id, "s1")).toEqual([]);
    const audits = await db.prisma.auditEvent.findMany({ where: { caseId: c.id, type: "no_recipient" } });
    expect(audits.map((a) => JSON.parse(a.dataJson))).toEqual([{ role: "konselor", effect: "notify_role" }]);
  });
});
