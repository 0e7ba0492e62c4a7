// Keeps the organisations table in step with flows/organisations.yaml (the file is the source).
import type { OrganisationDef } from "../flows/flowSchema.ts";
import type { Prisma } from "./database.ts";

/** Inserts or updates every organisation defined in the flow files. */
export async function syncOrganisations(prisma: Prisma, organisations: Iterable<OrganisationDef>): Promise<void> {
  for (const org of organisations) {
    const data = { name: org.name, calendarJson: JSON.stringify(org.calendar), escalationJson: JSON.stringify(org.escalation) };
    await prisma.organisation.upsert({ where: { id: org.id }, create: { id: org.id, ...data }, update: data });
  }
}
