// The unit's staff for the inbound and hand-off parts: invites issued as the admin command line does, then
// each staff member links their Telegram chat by sending `/start <code>` to the product's webhook.
import type { Prisma } from "../../src/store/database.ts";
import { issueInvite } from "../../src/store/inviteCodes.ts";
import { messageUpdate, type BenchUser } from "./telegramUpdates.ts";
import type { WebhookClient } from "./webhookClient.ts";

export interface LinkedStaff {
  counsellors: BenchUser[];
  stafs: BenchUser[];
}

/** Links `counsellors` konselor and `stafs` staf of IPDN, chat ids from `firstId` up. */
export async function linkStaff(
  prisma: Prisma,
  client: WebhookClient,
  p: { counsellors: number; stafs: number; firstId: number; nextUpdateId(): number },
): Promise<LinkedStaff> {
  const make = (n: number, offset: number, role: string) =>
    Array.from({ length: n }, (_, i) => ({ user: { id: p.firstId + offset + i, firstName: `${role} ${i + 1}` }, role }));
  const people = [...make(p.counsellors, 0, "konselor"), ...make(p.stafs, p.counsellors, "staf")];
  for (const { user, role } of people) {
    const invite = await issueInvite(prisma, { orgId: "ipdn", role, name: `Bench ${role} ${user.id}`, ttlHours: 24, now: new Date() });
    const answer = await client.post(messageUpdate(p.nextUpdateId(), user, `/start ${invite.code}`));
    if (answer.status !== 200) throw new Error(`linking ${role} ${user.id}: the webhook answered ${answer.status}`);
  }
  return {
    counsellors: people.filter((x) => x.role === "konselor").map((x) => x.user),
    stafs: people.filter((x) => x.role === "staf").map((x) => x.user),
  };
}
