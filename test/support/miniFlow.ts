// A small flow and organisation, built in code, for repository tests that must not depend on flows/.
import { flowSchema, organisationSchema, type Flow, type OrganisationDef } from "../../src/flows/flowSchema.ts";
import type { Prisma } from "../../src/store/database.ts";
import { syncOrganisations } from "../../src/store/organisationRepository.ts";

export const miniOrg: OrganisationDef = organisationSchema.parse({
  id: "unit",
  name: "Unit Uji",
  calendar: { timeZone: "Asia/Jakarta", workingDays: [1, 2, 3, 4, 5], start: "07:30", end: "16:00", holidays: [] },
  roles: [
    { id: "klien", label: "Klien" },
    { id: "staf", label: "Staf" },
    { id: "konselor", label: "Konselor" },
    { id: "kepala_unit", label: "Kepala Unit" },
  ],
  escalation: { klien: "konselor", staf: "konselor", konselor: "kepala_unit", kepala_unit: null },
});

export const miniFlow: Flow = flowSchema.parse({
  id: "mini",
  title: "Alur Uji",
  organisation: "unit",
  source: "test",
  steps: [
    { id: "s1", no: "1", activity: "Konselor menyusun rencana", role: "konselor", time: "30m", output: "Rencana", action: "form", next: "s2" },
    {
      id: "s2",
      no: "2",
      activity: "Kepala Unit menyetujui",
      role: "kepala_unit",
      time: "1d",
      output: "Persetujuan",
      action: "approval",
      next: { approve: "s3", revise: "s1" },
    },
    { id: "s3", no: "3", activity: "Mengarsipkan", role: "staf", time: "15m", output: "Arsip", action: "archive" },
  ],
});

/** Creates the organisation, a client and one linked person per role; returns their ids. */
export async function seedMiniUnit(prisma: Prisma) {
  await syncOrganisations(prisma, [miniOrg]);
  const person = async (kind: string, name: string, role?: string) => {
    const p = await prisma.person.create({ data: { kind, displayName: name } });
    await prisma.channelIdentity.create({ data: { personId: p.id, channel: "telegram", address: `tg-${name}` } });
    if (role) await prisma.staffRole.create({ data: { personId: p.id, orgId: "unit", role } });
    return p.id;
  };
  return {
    client: await person("client", "klien"),
    konselor: await person("staff", "konselor", "konselor"),
    kepala: await person("staff", "kepala", "kepala_unit"),
    staf: await person("staff", "staf", "staf"),
  };
}
