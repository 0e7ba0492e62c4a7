// flows check against the open cases (src/cli/flowsCheck.ts, as the admin runs it): a step renamed in flows/ while a
// case waits on it is refused, naming the case, the file and the step; once the case has moved on, the same change
// passes; without a database there is nothing to check, and it says so.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openApp } from "../../src/app/openApp.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { flowsWith } from "../support/flowsCopy.ts";
import { runCliProcess } from "../support/runCli.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 2, minute));

/** A database with case #1 on konseling-online-praja waiting at step s3a (the counsellor's). */
async function caseAtStep3a(dbUrl: string) {
  const app = await openApp({ env: { DATABASE_URL: dbUrl, LOG_LEVEL: "silent" } });
  const { prisma } = app.db;
  const ctx = app.flowContext("konseling-online-praja");
  const client = await prisma.person.create({ data: { kind: "client", clientKind: "praja", orgId: "ipdn" } });
  const konselor = await prisma.person.create({ data: { kind: "staff", roles: { create: { orgId: "ipdn", role: "konselor" } } } });
  const c = await openCase(prisma, ctx, { clientId: client.id, counsellorId: konselor.id, at: at(0), intakeJson: "{}" });
  await applyCaseEvent(prisma, ctx, c.id, { type: "step_done", stepId: "s1", outcome: "done", actor: { personId: client.id, roles: [] }, at: at(1) });
  await applyCaseEvent(prisma, ctx, c.id, { type: "step_done", stepId: "s2", outcome: "done", actor: { personId: konselor.id, roles: ["staf"] }, at: at(2) });
  expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).currentStepId).toBe("s3a");
  return {
    caseNo: c.number,
    async moveOn() {
      const result = await applyCaseEvent(prisma, ctx, c.id, {
        type: "step_done",
        stepId: "s3a",
        outcome: "done",
        actor: { personId: konselor.id, roles: ["konselor"] },
        at: at(3),
      });
      expect(result.ok).toBe(true);
    },
    close: () => app.close(),
  };
}

describe("flows check and the open cases", () => {
  it("refuses a step renamed while a case waits on it, naming the case; passes once the case has moved on", async () => {
    const dbUrl = `file:${join(mkdtempSync(join(tmpdir(), "pintu-flowscheck-")), "pintu.db")}`;
    const open = await caseAtStep3a(dbUrl);
    // s3a renamed everywhere in its file: the files themselves are fine, only the open case no longer fits.
    const renamed = flowsWith("konseling-online-praja.yaml", (text) => text.replace(/\bs3a\b/g, "s3a-baru"));
    try {
      const refused = runCliProcess(["flows", "check"], { DATABASE_URL: dbUrl, FLOWS_DIR: renamed });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("The flow files were refused (1 problem):");
      expect(refused.stderr).toContain(
        `konseling-online-praja.yaml step s3a: open case #${open.caseNo} waits on this step, which the file no longer has: keep the step id until the case has moved on (or is closed)`,
      );

      const current = runCliProcess(["flows", "check"], { DATABASE_URL: dbUrl });
      expect(current.status, current.stderr).toBe(0);
      expect(current.stdout).toMatch(
        /^OK: 5 flows, 2 organisations in flows\/ — no problems found\.\nOpen cases: 1 checked; each still finds its flow and the steps it waits on\.$/m,
      );

      await open.moveOn();
      const later = runCliProcess(["flows", "check"], { DATABASE_URL: dbUrl, FLOWS_DIR: renamed });
      expect(later.status, later.stderr).toBe(0);
      expect(later.stdout).toContain("Open cases: 1 checked;");
    } finally {
      await open.close();
    }
  }, 60_000);

  it("without a database yet: the files are checked, the open cases are not, and it says why", () => {
    const file = join(mkdtempSync(join(tmpdir(), "pintu-flowscheck-")), "none.db");
    const result = runCliProcess(["flows", "check"], { DATABASE_URL: `file:${file}` });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Open cases: not checked (no database yet at ${file}).`);
  }, 30_000);
});
