// Removing personal data for good, without touching what the unit reports on: a case's complaint, messages,
// notes, documents, session links and message payloads go; its step runs (who acted when, how long, late)
// stay, so the recap's counts and times are the same after. Stored files go with what referred to them (an
// attachment, an outside party's report), calendar events are deleted with their guest list scrubbed, and the
// mailbox is purged of the client's mails after the commit (src/jobs/purgeWorker.ts). Used by a client's erasure
// request (confirmed by the head of the unit) and by retention (closed cases older than the configured period).
import type { Tx } from "./database.ts";
import { eraseCaseMessages, eraseChatMessages, eraseMessagesAbout } from "./outbox/index.ts";
import { requestMailboxPurge } from "./purgeRequests.ts";

/** What an erased session's status becomes: the scheduler deletes its calendar event, scrubbing its guests first. */
export const ERASURE_CANCELLING = "cancelling:erasure";

function fileRefsOf(attachJson: string): string[] {
  try {
    return (JSON.parse(attachJson) as { fileRef?: string }[]).map((a) => a.fileRef ?? "").filter((r) => r.startsWith("file:"));
  } catch {
    return [];
  }
}

/** Deletes the stored files behind these refs (refs of other kinds, such as a Telegram file id, have nothing stored here). */
async function deleteStoredFiles(tx: Tx, refs: (string | null)[]): Promise<void> {
  const ids = refs.filter((r): r is string => !!r && r.startsWith("file:")).map((r) => r.slice("file:".length));
  if (ids.length) await tx.storedFile.deleteMany({ where: { id: { in: [...new Set(ids)] } } });
}

/** The attachments of a kept inbound message ([] for one that cannot be read). */
function attachmentsOf(messageJson: string): unknown[] {
  try {
    const attachments = (JSON.parse(messageJson) as { attachments?: unknown }).attachments;
    return Array.isArray(attachments) ? attachments : [];
  } catch {
    return [];
  }
}

/** The email addresses a case's intake holds (asked for Meet invitations). */
function intakeEmailOf(intakeJson: string): string[] {
  try {
    const email = (JSON.parse(intakeJson) as { answers?: { email?: unknown } }).answers?.email;
    return typeof email === "string" && email.includes("@") ? [email] : [];
  } catch {
    return [];
  }
}

/**
 * Strips one case of its personal data; returns false when it was already anonymised. Unless `purgeMail` is false
 * (the caller asks for one purge for the whole client), the mailbox is purged of the case's thread and of mail from
 * the address its intake holds.
 */
export async function anonymiseCase(tx: Tx, p: { caseId: string; now: Date; purgeMail?: boolean }): Promise<boolean> {
  const c = await tx.case.findUnique({ where: { id: p.caseId }, select: { intakeJson: true, anonymisedAt: true, number: true } });
  if (!c || c.anonymisedAt) return false;
  let kind: string | undefined;
  try {
    kind = (JSON.parse(c.intakeJson) as { kind?: string }).kind;
  } catch {
    kind = undefined;
  }
  const messages = await tx.message.findMany({ where: { caseId: p.caseId }, select: { attachJson: true } });
  // An outside party's report or an uploaded SOP document is kept as the step run's output: its file goes too.
  const outputs = await tx.stepRun.findMany({ where: { caseId: p.caseId, outputDocId: { not: null } }, select: { outputDocId: true } });
  if (p.purgeMail !== false) await requestMailboxPurge(tx, { addresses: intakeEmailOf(c.intakeJson), caseNumbers: [c.number], at: p.now });
  await tx.case.update({ where: { id: p.caseId }, data: { intakeJson: JSON.stringify(kind ? { kind } : {}), anonymisedAt: p.now } });
  await tx.message.updateMany({ where: { caseId: p.caseId }, data: { text: null, attachJson: "[]" } });
  await tx.stepRun.updateMany({ where: { caseId: p.caseId }, data: { note: null, outputDocId: null } });
  // "erased", not left "pending": nobody waits for a document that will never be made again.
  await tx.document.updateMany({ where: { caseId: p.caseId }, data: { content: null, specJson: null, status: "erased" } });
  await tx.appointment.updateMany({ where: { caseId: p.caseId }, data: { meetUrl: null, meetingCode: null } });
  // Calendar events carry the client's address as a guest: every one still on a calendar is deleted, its guests
  // scrubbed first (a deleted Google event keeps them otherwise); reminders stop with the "booked" status.
  await tx.appointment.updateMany({
    where: { caseId: p.caseId, externalId: { not: null }, status: { not: ERASURE_CANCELLING } },
    data: { status: ERASURE_CANCELLING, updatedAt: p.now },
  });
  await tx.appointment.updateMany({ where: { caseId: p.caseId, externalId: null, status: "booked" }, data: { status: "cancelled", updatedAt: p.now } });
  await tx.sessionOffer.updateMany({ where: { caseId: p.caseId, status: { in: ["pending", "offered", "booking"] } }, data: { status: "withdrawn" } });
  await eraseCaseMessages(tx, p.caseId);
  await deleteStoredFiles(tx, [...messages.flatMap((m) => fileRefsOf(m.attachJson)), ...outputs.map((o) => o.outputDocId)]);
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
  const cases = await tx.case.findMany({ where: { clientId: p.personId }, select: { id: true, number: true, intakeJson: true } });
  const identities = await tx.channelIdentity.findMany({ where: { personId: p.personId }, select: { channel: true, address: true } });
  // One mailbox purge for the whole client: mail from or to any address of theirs, and every case's thread.
  await requestMailboxPurge(tx, {
    addresses: [...identities.filter((i) => i.channel === "email").map((i) => i.address), ...cases.flatMap((c) => intakeEmailOf(c.intakeJson))],
    caseNumbers: cases.map((c) => c.number),
    at: p.now,
  });
  for (const c of cases) await anonymiseCase(tx, { caseId: c.id, now: p.now, purgeMail: false });
  for (const i of identities) {
    await tx.channelContact.deleteMany({ where: { channel: i.channel, address: i.address } });
    await tx.dialogState.deleteMany({ where: { channel: i.channel, address: i.address } });
    await tx.chatMenu.deleteMany({ where: { channel: i.channel, address: i.address } });
    // Messages kept to be handled later (and dead letters) hold what the client wrote, files included.
    const kept = await tx.inboundQueue.findMany({ where: { channel: i.channel, address: i.address }, select: { messageJson: true } });
    await deleteStoredFiles(
      tx,
      kept.flatMap((k) => fileRefsOf(JSON.stringify(attachmentsOf(k.messageJson)))),
    );
    await tx.inboundQueue.deleteMany({ where: { channel: i.channel, address: i.address } });
    await eraseChatMessages(tx, i);
  }
  await tx.inboundQueue.deleteMany({ where: { personId: p.personId } });
  await tx.channelIdentity.deleteMany({ where: { personId: p.personId } });
  // Their own messages without a case (a crisis before any registration), and staff answers to them without one.
  const loose = await tx.message.findMany({ where: { OR: [{ personId: p.personId }, { aboutPersonId: p.personId }] }, select: { attachJson: true } });
  await deleteStoredFiles(
    tx,
    loose.flatMap((m) => fileRefsOf(m.attachJson)),
  );
  await tx.message.updateMany({ where: { OR: [{ personId: p.personId }, { aboutPersonId: p.personId }] }, data: { text: null, attachJson: "[]" } });
  await eraseMessagesAbout(tx, p.personId);
  await tx.inviteCode.deleteMany({ where: { personId: p.personId } });
  await tx.person.update({
    where: { id: p.personId },
    data: { displayName: null, nppHash: null, nipHash: null, phoneHash: null, emailHash: null, erasedAt: p.now },
  });
  await tx.auditEvent.create({ data: { type: "client_erased", actorId: null, dataJson: JSON.stringify({ cases: cases.length }), at: p.now } });
  return { cases: cases.length };
}
