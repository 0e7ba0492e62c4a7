// Demo staff for local mode: one person per role of each organisation (flows/organisations.yaml), marked
// isDemo and named "(DEMO)", each linked to the local pane "<org>-<role>". Seeding is idempotent; when local
// mode is off their roles are withdrawn so no real case is ever routed to a demo person.
import { CLIENT_ROLE, type OrganisationDef } from "../../flows/flowSchema.ts";
import { COUNSELLOR_ROLE } from "../../store/counsellorRouting.ts";
import type { Prisma } from "../../store/database.ts";
import { grantQualification } from "../../store/staffQualifications.ts";
import { staffPaneId } from "./localPanes.ts";

/** Sample names for the demo; roles not listed get their label with "(DEMO)". */
const DEMO_NAMES: Record<string, Record<string, string>> = {
  ipdn: {
    staf: "Rina Marlina (DEMO)",
    konselor: "Dra. Sari (DEMO)",
    kasubbag: "Budi Santoso (DEMO)",
    kepala_unit: "Dr. Hendra (DEMO)",
    unit_terkait: "Bagian Pengasuhan (DEMO)",
    psikiater: "dr. Maya, Sp.KJ (DEMO)",
    kepala_biro: "Ir. Agus Salim (DEMO)",
    rektor: "Prof. Hadi (DEMO)",
  },
  puspaga: {
    staf: "Dewi Lestari (DEMO)",
    konselor: "Nurul, M.Psi. (DEMO)",
    eselon_iv: "Rudi Hartono (DEMO)",
    eselon_iii: "Yanti (DEMO)",
    kepala_dinas: "Drs. Firman (DEMO)",
  },
};

/** A seeded demo person and the pane they act in. */
export interface DemoStaff {
  /** The pane id, which is also the person's "local" address. */
  pane: string;
  orgId: string;
  role: string;
  personId: string;
  name: string;
}

/** Creates (or finds) the demo person for every staff role and makes sure they hold it; returns them in roles order. */
export async function seedDemoStaff(prisma: Prisma, organisations: Iterable<OrganisationDef>): Promise<DemoStaff[]> {
  const wanted = [...organisations].flatMap((org) =>
    org.roles
      .filter((r) => r.id !== CLIENT_ROLE)
      .map((r) => ({
        orgId: org.id,
        role: r.id,
        pane: staffPaneId(org.id, r.id),
        name: DEMO_NAMES[org.id]?.[r.id] ?? `${r.label} (DEMO)`,
        // The demo counsellor holds every qualification a step may require, so no step waits for someone who does.
        qualifications: r.id === COUNSELLOR_ROLE ? org.qualifications.map((q) => q.id) : [],
      })),
  );
  return prisma.$transaction(async (tx) => {
    const seeded: DemoStaff[] = [];
    let created = 0;
    for (const w of wanted) {
      const identity = await tx.channelIdentity.findUnique({ where: { channel_address: { channel: "local", address: w.pane } }, include: { person: true } });
      let personId: string;
      if (identity) {
        // Only ever a demo person behind a demo pane; anything else is left alone.
        if (!identity.person.isDemo) continue;
        personId = identity.personId;
      } else {
        const person = await tx.person.create({ data: { kind: "staff", displayName: w.name, orgId: w.orgId, isDemo: true } });
        await tx.channelIdentity.create({ data: { personId: person.id, channel: "local", address: w.pane } });
        personId = person.id;
        created++;
      }
      await tx.staffRole.upsert({
        where: { personId_orgId_role: { personId, orgId: w.orgId, role: w.role } },
        create: { personId, orgId: w.orgId, role: w.role },
        update: {},
      });
      for (const qualification of w.qualifications) await grantQualification(tx, { personId, orgId: w.orgId, qualification, at: new Date() });
      seeded.push({ pane: w.pane, orgId: w.orgId, role: w.role, personId, name: identity?.person.displayName ?? w.name });
    }
    if (created > 0) await tx.auditEvent.create({ data: { type: "demo_staff_seeded", dataJson: JSON.stringify({ people: created }) } });
    return seeded;
  });
}

/** Withdraws every role of the demo people (local mode is off): they keep their history but get no task or case. */
export async function retireDemoStaff(prisma: Prisma): Promise<number> {
  const { count } = await prisma.staffRole.deleteMany({ where: { person: { isDemo: true } } });
  if (count > 0) await prisma.auditEvent.create({ data: { type: "demo_staff_retired", dataJson: JSON.stringify({ roles: count }) } });
  return count;
}
