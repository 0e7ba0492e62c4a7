import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/runCli.ts";

const dir = mkdtempSync(join(tmpdir(), "pintu-cli-"));
const env = { DATABASE_URL: `file:${join(dir, "cli.db")}` };

describe("admin command line", () => {
  it("lists organisations and flows", () => {
    const orgs = runCliProcess(["org", "list"], env);
    expect(orgs.status, orgs.stderr).toBe(0);
    expect(orgs.stdout).toMatch(/ipdn/);
    expect(orgs.stdout).toMatch(/puspaga/);
    const flows = runCliProcess(["flows", "list"], env);
    expect(flows.status).toBe(0);
    for (const id of ["bk-praja", "bk-pegawai", "konseling-online-praja", "terapi", "puspaga-konseling"]) expect(flows.stdout).toContain(id);
    const check = runCliProcess(["flows", "check"], env);
    expect(check.stdout).toMatch(/OK: 5 flows, 2 organisations/);
  });

  it("invites staff with a one-time code and lists them", () => {
    const invite = runCliProcess(["staff", "invite", "--org", "ipdn", "--role", "konselor", "--name", "Dra. Sari"], env);
    expect(invite.status, invite.stderr).toBe(0);
    expect(invite.stdout).toMatch(/Invite code for Dra\. Sari \(konselor, ipdn\): [A-Z2-9]{10}/);
    const list = runCliProcess(["staff", "list", "--org", "ipdn"], env);
    expect(list.stdout).toMatch(/ipdn\s+konselor\s+Dra\. Sari\s+not linked/);

    // The same person gets a second role with --person <id from the list>.
    const id = /^(\S{8})\s+ipdn\s+konselor\s+Dra\. Sari/m.exec(list.stdout)![1]!;
    const second = runCliProcess(["staff", "invite", "--org", "ipdn", "--role", "kasubbag", "--person", id], env);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/Invite code for Dra\. Sari \(kasubbag, ipdn\)/);
    const after = runCliProcess(["staff", "list", "--org", "ipdn"], env);
    expect(after.stdout).toMatch(new RegExp(`${id}\\s+ipdn\\s+kasubbag\\s+Dra\\. Sari`));

    // Her calendar and working hours for booking sessions.
    const calendar = runCliProcess(["staff", "calendar", "--person", id, "--email", "sari@ipdn.ac.id"], env);
    expect(calendar.status, calendar.stderr).toBe(0);
    expect(calendar.stdout).toMatch(/primary calendar of sari@ipdn\.ac\.id[\s\S]*added by hand with \/link/);
    const hours = runCliProcess(["staff", "hours", "--person", id, "--days", "1,2,3", "--start", "08:00", "--end", "12:00"], env);
    expect(hours.stdout).toMatch(/days 1,2,3, 08:00-12:00/);
    const badHours = runCliProcess(["staff", "hours", "--person", id, "--days", "1", "--start", "12:00", "--end", "08:00"], env);
    expect(badHours.status).toBe(1);
    expect(badHours.stderr).toMatch(/start before end/);
    const connect = runCliProcess(["google", "connect", id], env);
    expect(connect.status).toBe(1);
    expect(connect.stderr).toMatch(/set GOOGLE_OAUTH_CLIENT_ID and GOOGLE_OAUTH_CLIENT_SECRET first/);
  });

  it("refuses bad input with one clear line and a non-zero exit", () => {
    const badRole = runCliProcess(["staff", "invite", "--org", "ipdn", "--role", "presiden", "--name", "X"], env);
    expect(badRole.status).toBe(1);
    expect(badRole.stderr.trim()).toMatch(/^Error: Unknown staff role "presiden" in ipdn; known: /);
    const badOrg = runCliProcess(["staff", "invite", "--org", "nowhere", "--role", "staf", "--name", "X"], env);
    expect(badOrg.stderr).toMatch(/Unknown organisation "nowhere"/);
    const missing = runCliProcess(["case", "show", "999"], env);
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe("Error: No case #999; see: npm run cli -- case list");
    const unknown = runCliProcess(["frobnicate"], env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    const badEnv = runCliProcess(["org", "list"], { DATABASE_URL: "mysql://nope" });
    expect(badEnv.status).toBe(1);
    expect(badEnv.stderr).toMatch(/DATABASE_URL: DATABASE_URL must start with file:/);
  });

  it("flows check names the file, the step and the reason for a broken flow", () => {
    const broken = runCliProcess(["flows", "check"], { ...env, FLOWS_DIR: "test/fixtures/flows-broken/unknown-role" });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/unknown-role\/konseling\.yaml step s2: role "psikolog" is not a role of organisation demo/);
  });
});

describe("case list and case show", () => {
  it("show a case's timeline with actual against standard time", async () => {
    const { openDatabase } = await import("../../src/store/database.ts");
    const { parseDatabaseUrl } = await import("../../src/store/databaseTarget.ts");
    const { loadFlowsFromDir } = await import("../../src/flows/loadFlows.ts");
    const { applyCaseEvent, openCase } = await import("../../src/store/caseRepository.ts");
    const { syncOrganisations } = await import("../../src/store/organisationRepository.ts");
    const caseDir = mkdtempSync(join(tmpdir(), "pintu-cli-case-"));
    const url = `file:${join(caseDir, "c.db")}`;
    const db = await openDatabase(parseDatabaseUrl(url));
    const loaded = loadFlowsFromDir("flows");
    await syncOrganisations(db.prisma, loaded.organisations.values());
    const flow = loaded.flows.get("konseling-online-praja")!;
    const ctx = { flow, organisation: loaded.organisations.get("ipdn")! };
    const client = await db.prisma.person.create({ data: { kind: "client" } });
    const staf = await db.prisma.person.create({ data: { kind: "staff", displayName: "Pak Staf" } });
    const c = await openCase(db.prisma, ctx, { clientId: client.id, at: new Date("2026-11-30T08:00:00+07:00") });
    await applyCaseEvent(db.prisma, ctx, c.id, {
      type: "step_done",
      stepId: "s1",
      outcome: "done",
      actor: { personId: client.id, roles: [] },
      at: new Date("2026-11-30T08:05:00+07:00"),
    });
    await applyCaseEvent(db.prisma, ctx, c.id, {
      type: "step_done",
      stepId: "s2",
      outcome: "done",
      actor: { personId: staf.id, roles: ["staf"] },
      at: new Date("2026-11-30T08:40:00+07:00"),
    });
    await db.close();

    const list = runCliProcess(["case", "list"], { DATABASE_URL: url });
    expect(list.stdout).toMatch(/1\s+ipdn\s+konseling-online-praja\s+open\s+s3a/);
    const show = runCliProcess(["case", "show", "1"], { DATABASE_URL: url });
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/Kasus #1 — Layanan Konsultasi Konseling Online/);
    expect(show.stdout).toMatch(/^1\s.*\s5m \/ 10m\s+on time$/m);
    expect(show.stdout).toMatch(/^2\s.*Pak Staf\s+done\s+35m \/ 15m\s+LATE$/m);
    expect(show.stdout).toMatch(/^3\s.*konselor.*(waiting|OVERDUE)$/m);
  });
});
