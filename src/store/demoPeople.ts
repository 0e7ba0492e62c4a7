// Demo people (local mode's "(DEMO)" staff, isDemo) never receive a real client's case: not by routing, not a
// task, a relayed message, a crisis alert or an erasure button. A case is a demo case when its client wrote only
// from the local page (every chat handle of theirs is a "local" pane); any other client is real, and so is one
// whose handles are gone (erased): when in doubt, demo people are left out. With LOCAL_CHANNEL=1 beside a real
// channel, the demo staff keep their roles for the page's own clients only.
import type { Tx } from "./database.ts";

/** The channel of local mode's panes (src/channels/local). */
const LOCAL_CHANNEL = "local";

const clientFields = { isDemo: true, identities: { select: { channel: true } } } as const;

/** The rule on a client's record: demo, or every chat handle of theirs a pane of the local page. */
function demoClientRecord(person: { isDemo: boolean; identities: { channel: string }[] } | null): boolean {
  if (!person) return false;
  if (person.isDemo) return true;
  return person.identities.length > 0 && person.identities.every((i) => i.channel === LOCAL_CHANNEL);
}

/** Whether a client is a demo client: every chat handle they have is a pane of the local page. */
export async function isDemoClient(tx: Tx, clientId: string): Promise<boolean> {
  return demoClientRecord(await tx.person.findUnique({ where: { id: clientId }, select: clientFields }));
}

async function isDemoPerson(tx: Tx, personId: string): Promise<boolean> {
  return (await tx.person.findUnique({ where: { id: personId }, select: { isDemo: true } }))?.isDemo === true;
}

/** Whether a staff member may act for a client (answer them, take their case): a demo person only for a demo client. */
export async function staffMayServe(tx: Tx, p: { staffId: string; clientId: string }): Promise<boolean> {
  return !(await isDemoPerson(tx, p.staffId)) || (await isDemoClient(tx, p.clientId));
}

/** Of these cases, the ones a staff member may be shown (/kasus): all of them, or only demo cases for a demo person. */
export async function casesStaffMaySee(tx: Tx, p: { staffId: string; caseIds: string[] }): Promise<Set<string>> {
  if (!(await isDemoPerson(tx, p.staffId))) return new Set(p.caseIds);
  const cases = await tx.case.findMany({ where: { id: { in: p.caseIds } }, select: { id: true, client: { select: clientFields } } });
  return new Set(cases.filter((c) => demoClientRecord(c.client)).map((c) => c.id));
}

/**
 * The condition on staff people for work about `clientId`: demo people only for a demo client; nobody's work
 * (no client named) is a real one. Spread into a Person where clause.
 */
export async function staffFilterFor(tx: Tx, clientId: string | null | undefined): Promise<{ isDemo?: false }> {
  return clientId && (await isDemoClient(tx, clientId)) ? {} : { isDemo: false };
}
