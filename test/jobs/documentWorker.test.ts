// The document worker and documents it cannot make: one whose spec is gone (or names a kind this release does not
// have) is marked failed at once, one whose making keeps failing is retried later and marked failed after a few
// tries, and neither holds back the documents behind it. The worker's clock is the test's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentWorker, MAX_RENDER_ATTEMPTS } from "../../src/jobs/documentWorker.ts";
import { createLogger } from "../../src/logger.ts";
import { openCase } from "../../src/store/caseRepository.ts";
import { openDatabase, type Database } from "../../src/store/database.ts";
import { requestDocument } from "../../src/store/documentRequests.ts";
import { freshDatabase } from "../support/databases.ts";
import { miniFlow, miniOrg, seedMiniUnit } from "../support/miniFlow.ts";

const ctx = { flow: miniFlow, organisation: miniOrg };
/** Senin, 30 November 2026 08.00 WIB, and the minutes after it. */
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 30, 1, minutes));

describe("documents that cannot be made", () => {
  let db: Database;
  let caseId: string;
  beforeAll(async () => {
    db = await openDatabase(await freshDatabase("sqlite"));
    const people = await seedMiniUnit(db.prisma);
    caseId = (await openCase(db.prisma, ctx, { clientId: people.client, counsellorId: people.konselor, at: at(0) })).id;
  });
  afterAll(async () => db?.close());

  const request = (minute: number) =>
    db.prisma.$transaction((tx) =>
      requestDocument(tx, { caseId, spec: { kind: "formulir_pendaftaran", toRoles: ["kepala_unit"], toPersonIds: [] }, at: at(minute) }),
    );
  const statusOf = async (id: string) => (await db.prisma.document.findUniqueOrThrow({ where: { id } })).status;

  it("marks one whose spec is gone failed, and still makes the documents behind more of them than a pass takes", async () => {
    // More poisoned documents than a pass takes, all older than the good one.
    const poisoned = [];
    for (let i = 0; i < 21; i++) {
      poisoned.push(
        (
          await db.prisma.document.create({
            data: { caseId, kind: "disposisi", title: "Disposisi", mimeType: "application/pdf", status: "pending", specJson: null, createdAt: at(1) },
          })
        ).id,
      );
    }
    const unknownKind = (
      await db.prisma.document.create({
        data: {
          caseId,
          kind: "surat_hilang",
          title: "Surat",
          mimeType: "application/pdf",
          status: "pending",
          specJson: JSON.stringify({ kind: "surat_hilang", toRoles: [], toPersonIds: [] }),
          createdAt: at(1),
        },
      })
    ).id;
    const good = await request(2);

    const worker = createDocumentWorker({ prisma: db.prisma, flowContext: () => ctx, log: createLogger("silent"), clock: () => at(3) });
    await worker.runOnce();
    await worker.runOnce(); // the first pass took only poisoned ones; they are failed, not taken again
    expect(await statusOf(good)).toBe("ready");
    for (const id of [...poisoned, unknownKind]) expect(await statusOf(id)).toBe("failed");
    const audits = await db.prisma.auditEvent.findMany({ where: { type: "document_failed" } });
    expect(audits).toHaveLength(22);
    expect(audits.map((a) => JSON.parse(a.dataJson).reason)).toEqual(
      expect.arrayContaining(["its spec is gone", 'no document kind "surat_hilang" in this release']),
    );
    // The kepala of the unit got the good one; nobody was sent anything for the others.
    expect(await db.prisma.outbox.count({ where: { payloadJson: { contains: good } } })).toBe(1);
  });

  it("retries one whose making fails after a pause, leaves it alone meanwhile, and gives up after the last try", async () => {
    const flaky = await request(10);
    let now = at(11);
    let calls = 0;
    const worker = createDocumentWorker({
      prisma: db.prisma,
      flowContext: () => {
        calls++;
        throw new Error("the flow is being reloaded");
      },
      log: createLogger("silent"),
      clock: () => now,
    });
    await worker.runOnce();
    expect(calls).toBe(1);
    expect(await statusOf(flaky)).toBe("pending");
    // Until its pause is over, a pass leaves it alone (and takes the documents after it).
    await worker.runOnce();
    expect(calls).toBe(1);
    for (let attempt = 2; attempt <= MAX_RENDER_ATTEMPTS; attempt++) {
      now = new Date(now.getTime() + 60 * 60_000); // past any pause
      await worker.runOnce();
      expect(calls).toBe(attempt);
    }
    expect(await statusOf(flaky)).toBe("failed");
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { type: "document_failed", dataJson: { contains: flaky } } });
    expect(JSON.parse(audit.dataJson)).toMatchObject({ attempts: MAX_RENDER_ATTEMPTS, reason: `making it failed ${MAX_RENDER_ATTEMPTS} times (Error)` });
    now = new Date(now.getTime() + 60 * 60_000);
    await worker.runOnce();
    expect(calls).toBe(MAX_RENDER_ATTEMPTS); // failed is final
  });
});
