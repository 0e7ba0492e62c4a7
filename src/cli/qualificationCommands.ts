// Admin commands for Kualifikasi Pelaksana: which qualifications a staff member holds (`staff qualify`, and
// `staff invite --qualification` when creating them). Only ids the organisation lists in flows/organisations.yaml
// are accepted; every change is audited.
import type { App } from "../app/openApp.ts";
import type { OrganisationDef } from "../flows/flowSchema.ts";
import { qualificationLabel } from "../flows/qualifications.ts";
import { recordAudit } from "../store/auditTrail.ts";
import { grantQualification, qualificationsOf, revokeQualification } from "../store/staffQualifications.ts";
import { staffPerson } from "./staffPerson.ts";

/** The qualification ids given, checked against the organisation's list; an error listing the known ids otherwise. */
export function checkQualificationIds(org: OrganisationDef, ids: readonly string[]): string[] {
  const known = org.qualifications.map((q) => q.id);
  const unknown = ids.filter((q) => !known.includes(q));
  if (unknown.length > 0) {
    const list = known.length > 0 ? `known: ${known.join(", ")}` : "it lists none in flows/organisations.yaml";
    throw new Error(`Unknown qualification ${unknown.map((q) => `"${q}"`).join(", ")} in ${org.id}; ${list}`);
  }
  return [...new Set(ids)];
}

/** "psikolog (Psikolog (minimal pendidikan profesi psikolog))" for each id, or "none". */
function describeHeld(org: OrganisationDef, ids: readonly string[]): string {
  return ids.length === 0 ? "none" : ids.map((q) => `${q} (${qualificationLabel(org, q, "id")})`).join(", ");
}

/** staff qualify <id> <qualification> [--org <id>] [--remove]: record (or remove) a staff member's qualification. */
export async function staffQualify(app: App, p: { person: string; qualification: string; org?: string; remove?: boolean; now: Date }): Promise<string> {
  const person = await staffPerson(app, p.person);
  const orgs = [...new Set((await app.db.prisma.staffRole.findMany({ where: { personId: person.id }, select: { orgId: true } })).map((r) => r.orgId))];
  const orgId = p.org ?? (orgs.length === 1 ? orgs[0] : undefined);
  if (!orgId) throw new Error(`${person.displayName ?? person.id} holds roles in ${orgs.join(" and ") || "no organisation"}: say which with --org`);
  if (!orgs.includes(orgId))
    throw new Error(
      `${person.displayName ?? person.id} holds no role in ${orgId}; give them one first (staff invite --org ${orgId} --role ... --person ${p.person})`,
    );
  const org = app.flows.organisations.get(orgId);
  if (!org) throw new Error(`Unknown organisation "${orgId}"; known: ${[...app.flows.organisations.keys()].join(", ")}`);
  const [qualification] = checkQualificationIds(org, [p.qualification]);
  const name = person.displayName ?? person.id;
  const changed = await app.db.prisma.$transaction(async (tx) => {
    const done = p.remove
      ? await revokeQualification(tx, { personId: person.id, orgId, qualification: qualification! })
      : await grantQualification(tx, { personId: person.id, orgId, qualification: qualification!, at: p.now });
    if (done)
      await recordAudit(tx, {
        type: p.remove ? "qualification_revoked" : "qualification_granted",
        at: p.now,
        data: { personId: person.id, orgId, qualification },
      });
    return done;
  });
  const held = describeHeld(org, await qualificationsOf(app.db.prisma, { personId: person.id, orgId }));
  const what = p.remove
    ? changed
      ? `${name} no longer holds ${qualification} in ${orgId}.`
      : `${name} did not hold ${qualification} in ${orgId}; nothing changed.`
    : changed
      ? `${name} now holds ${qualification} in ${orgId}.`
      : `${name} already held ${qualification} in ${orgId}; nothing changed.`;
  return `${what}\nQualifications of ${name} in ${orgId}: ${held}`;
}
