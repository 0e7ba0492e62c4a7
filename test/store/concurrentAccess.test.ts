// The admin command line and the service use the SQLite file at the same time (two processes).
import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/store/database.ts";
import { applyCaseEvent, openCase } from "../../src/store/caseRepository.ts";
import { freshDatabase } from "../support/databases.ts";
import { miniFlow, miniOrg, seedMiniUnit } from "../support/miniFlow.ts";

describe("SQLite shared by two processes", () => {
  it("the CLI issuing invites while the service opens and advances cases: every write lands", async () => {
    const target = await freshDatabase("sqlite");
    const db = await openDatabase(target);
    const people = await seedMiniUnit(db.prisma);
    const child = spawn(process.execPath, ["--import", "tsx", "test/support/inviteLoad.ts", target.url, "60"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const childDone = new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? -1)));

    const ctx = { flow: miniFlow, organisation: miniOrg };
    const at = new Date("2026-11-30T08:00:00+07:00");
    for (let i = 0; i < 40; i++) {
      const c = await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at });
      const r = await applyCaseEvent(db.prisma, ctx, c.id, {
        type: "step_done",
        stepId: "s1",
        outcome: "done",
        actor: { personId: people.konselor, roles: ["konselor"] },
        at,
      });
      expect(r.ok).toBe(true);
    }
    expect(await childDone, output).toBe(0);
    expect(await db.prisma.inviteCode.count()).toBe(60);
    expect(await db.prisma.case.count({ where: { currentStepId: "s2" } })).toBe(40);
    const numbers = (await db.prisma.case.findMany({ select: { number: true } })).map((c) => c.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    await db.close();
  }, 60_000);
});
