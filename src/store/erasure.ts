// Removing personal data for good, without touching what the unit reports on: a case's complaint, messages,
// notes, documents, session links and message payloads go; its step runs (who acted when, how long, late)
// stay, so the recap's counts and times are the same after. Used by a client's erasure request (confirmed
// by the head of the unit) and by retention (closed cases older than the configured period).
import type { Tx } from "./database.ts";
import { eraseCaseMessages, eraseChatMessages, eraseMessagesAbout } from "./outbox/index.ts";

function fileRefsOf(attachJson: string): string[] {
  try {
    return (JSON.parse(attachJson) as { fileRef?: string }[]).map((a) => a.fileRef ?? "").filter((r) => r.startsWith("file:"));
  } catch {
    return [];
  }
}

/** Strips one case of its personal data; returns false when it was already anonymised. */
export async function anonymiseCase(tx: Tx, p: { caseId: string; now: Date }): Promise<boolean> {
  const c = await tx.case.findUnique({ where: { id: p.caseId }, select: { intakeJson: true, anonymisedAt: true } });
  if (!c || c.anonymisedAt) return false;
  let kind: string | undefined;
  try {
    kind = (JSON.parse(c.intakeJson) as { kind?: string }).kind;
  } catch {
    kind = undefined;
  }
  const messages = await tx.message.findMany({ where: { caseId: p.caseId }, select: { attachJson: true } });
  const files = messages.flatMap((m) => fileRefsOf(m.attachJson)).map((r) => r.slice("file:".length));
  await tx.case.update({ where: { id: p.caseId }, data: { intakeJson: JSON.stringify(kind ? { kind } : {}), anonymisedAt: p.now } });
  await tx.message.updateMany({ where: { caseId: p.caseId }, data: { text: null, attachJson: "[]" } });
  await tx.stepRun.updateMany({ where: { caseId: p.caseId }, data: { note: null, outputDocId: null } });
  await tx.document.updateMany({ where: { caseId: p.caseId }, data: { content: null, specJson: null } });
  await tx.appointment.updateMany({ where: { caseId: p.caseId }, data: { meetUrl: null, meetingCode: null } });
  await eraseCaseMessages(tx, p.caseId);
  if (files.length) await tx.storedFile.deleteMany({ where: { id: { in: files } } });
  await tx.auditEvent.create({ data: { type: "case_anonymised", caseId: p.caseId, dataJson: "{}", at: p.now } });
  return true;
}

/** A client whose erasure is asked for: their organisation and language, and every chat handle (to tell them once done). */
export interface ClientToErase {
  id: string;
  orgId: string | null;
  locale: string;
  erasedAt: Date | null;
  handles: { channel: string; address: string }[];
}

/** The client an erasure confirmation names, with their handles; null for one not on record. */
export async function clientToErase(tx: Tx, personId: string): Promise<ClientToErase | null> {
  const person = await tx.person.findUnique({ where: { id: personId }, include: { identities: true } });
  if (!person) return null;
  return {
    id: person.id,
    orgId: person.orgId,
    locale: person.locale,
    erasedAt: person.erasedAt,
    handles: person.identities.map((i) => ({ channel: i.channel, address: i.address })),
  };
}

/**
 * Erases a client: every case anonymised, every chat handle and what was kept about it removed, the person
 * left as an empty record (so the cases still count). The caller closes open cases first.
 */
export async function eraseClient(tx: Tx, p: { personId: string; now: Date }): Promise<{ cases: number }> {
  const cases = await tx.case.findMany({ where: { clientId: p.personId }, select: { id: true } });
  for (const c of cases) await anonymiseCase(tx, { caseId: c.id, now: p.now });
  const identities = await tx.channelIdentity.findMany({ where: { personId: p.personId }, select: { channel: true, address: true } });
  for (const i of identities) {
    await tx.channelContact.deleteMany({ where: { channel: i.channel, address: i.address } });
    await tx.dialogState.deleteMany({ where: { channel: i.channel, address: i.address } });
    await tx.chatMenu.deleteMany({ where: { channel: i.channel, address: i.address } });
    await eraseChatMessages(tx, i);
  }
  await tx.channelIdentity.deleteMany({ where: { personId: p.personId } });
  const loose = await tx.message.findMany({ where: { personId: p.personId }, select: { attachJson: true } });
  const files = loose.flatMap((m) => fileRefsOf(m.attachJson)).map((r) => r.slice("file:".length));
  if (files.length) await tx.storedFile.deleteMany({ where: { id: { in: files } } });
  await tx.message.updateMany({ where: { personId: p.personId }, data: { text: null, attachJson: "[]" } });
  await eraseMessagesAbout(tx, p.personId);
  await tx.inviteCode.deleteMany({ where: { personId: p.personId } });
  await tx.person.update({ where: { id: p.personId }, data: { displayName: null, nppHash: null, nipHash: null, phoneHash: null, emailHash: null, erasedAt: p.now } });
  await tx.auditEvent.create({ data: { type: "client_erased", actorId: null, dataJson: JSON.stringify({ cases: cases.length }), at: p.now } });
  return { cases: cases.length };
}
