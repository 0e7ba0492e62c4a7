import type { Prisma } from "../../src/store/database.ts";
import { waitFor } from "./waitFor.ts";

type OutboxWhere = NonNullable<Parameters<Prisma["outbox"]["count"]>[0]>["where"];

/**
 * Waits until no outbox row (of those `where` picks) is pending or being sent. A row is marked sent only
 * after the platform answered, so from then on the fakes have recorded everything queued so far: a test can
 * assert that nothing more arrived instead of sleeping and hoping a late duplicate would have shown up.
 */
export async function waitForOutboxSettled(prisma: Prisma, where: OutboxWhere = {}, timeoutMs = 15_000): Promise<void> {
  const unsent = () => prisma.outbox.count({ where: { AND: [where ?? {}, { status: { in: ["pending", "sending"] } }] } });
  await waitFor("every queued outbox row sent", async () => (await unsent()) === 0, timeoutMs);
}
