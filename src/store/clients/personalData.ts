// Everything the service keeps about one client, read for the copy they may ask for (/datasaya, UU 27/2022): their
// person, chat handles, consents, cases with their steps, sessions and documents, and the messages they wrote or
// were sent through the bot. Staff's own work on the case (notes, reports) is the unit's record and is not read.
import type { Prisma } from "../database.ts";

export interface PersonalData {
  person: { displayName: string | null; clientKind: string | null; locale: string; orgId: string | null; createdAt: Date; erasedAt: Date | null };
  handles: { channel: string; address: string; createdAt: Date }[];
  consents: { textVersion: string; channel: string; givenAt: Date; withdrawnAt: Date | null }[];
  cases: {
    id: string;
    number: number;
    orgId: string;
    flowId: string;
    status: string;
    openedAt: Date;
    closedAt: Date | null;
    intakeJson: string;
    steps: { stepId: string; stepNo: string; askedAt: Date; actedAt: Date | null }[];
    sessions: { startsAt: Date; endsAt: Date; status: string; meetUrl: string | null }[];
    documents: { title: string; status: string }[];
  }[];
  messages: { createdAt: Date; direction: string; caseId: string | null; text: string | null; attachJson: string }[];
}

/** What the service keeps about a client; null for someone not on record (or erased). */
export async function personalDataOf(prisma: Prisma, personId: string): Promise<PersonalData | null> {
  const person = await prisma.person.findUnique({
    where: { id: personId },
    select: { kind: true, displayName: true, clientKind: true, locale: true, orgId: true, createdAt: true, erasedAt: true },
  });
  if (person?.kind !== "client" || person.erasedAt) return null;
  const handles = await prisma.channelIdentity.findMany({
    where: { personId },
    select: { channel: true, address: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
  const consents = await prisma.consent.findMany({
    where: { personId },
    select: { textVersion: true, channel: true, givenAt: true, withdrawnAt: true },
    orderBy: { givenAt: "asc" },
  });
  const cases = await prisma.case.findMany({
    where: { clientId: personId },
    orderBy: { number: "asc" },
    select: {
      id: true,
      number: true,
      orgId: true,
      flowId: true,
      status: true,
      openedAt: true,
      closedAt: true,
      intakeJson: true,
      stepRuns: { select: { stepId: true, stepNo: true, askedAt: true, actedAt: true }, orderBy: [{ askedAt: "asc" }, { id: "asc" }] },
      appointments: { select: { startsAt: true, endsAt: true, status: true, meetUrl: true }, orderBy: { startsAt: "asc" } },
      documents: { select: { title: true, status: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const caseIds = cases.map((c) => c.id);
  const messages = await prisma.message.findMany({
    where: { OR: [{ personId }, { aboutPersonId: personId }, { caseId: { in: caseIds }, direction: "out" }] },
    select: { createdAt: true, direction: true, caseId: true, text: true, attachJson: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return {
    person,
    handles,
    consents,
    cases: cases.map(({ stepRuns, appointments, ...c }) => ({ ...c, steps: stepRuns, sessions: appointments })),
    messages,
  };
}
