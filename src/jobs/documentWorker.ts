// Renders the SOP documents the case engine asked for (pending Document rows) as PDF, outside the chat's
// transaction: the bytes are archived on the case and the PDF is queued to whoever receives it in the SOP.
// A document is claimed (pending → rendering) before work, so two workers never render it twice. One that can
// never be made (its spec gone or naming a kind this release does not have) is marked failed at once; one whose
// making fails is tried again later with growing pauses, and marked failed after MAX_RENDER_ATTEMPTS. Meanwhile
// the others go on: a document waiting for its next try is not among those a pass takes.
import { DOCUMENT_KINDS, documentName } from "../documents/documentKinds.ts";
import { isUploadKind, uploadName, type UploadKind } from "../documents/uploadKinds.ts";
import type { FileStore } from "../notify/fileStore.ts";
import type { DocumentSource } from "../documents/documentSource.ts";
import type { DocumentPerson, DocumentStepRun, SopDocument } from "../documents/documentTypes.ts";
import { documentFileName, documentTitle, renderDocumentPdf } from "../documents/renderPdf.ts";
import type { ClientKind, FieldId } from "../dialogs/intake/intakeFields.ts";
import { messagesFor } from "../i18n/index.ts";
import { pollingLoop, type Job } from "./pollingLoop.ts";
import type { Logger } from "../logger.ts";
import type { OutboundAttachment } from "../notify/outboundMessage.ts";
import type { FlowContext } from "../store/caseRepository.ts";
import type { Prisma, Tx } from "../store/database.ts";
import { outcomeLabel } from "../store/cases/stepMessages.ts";
import type { DocumentSpec } from "../store/documentRequests.ts";
import { queueMessage } from "../store/outbox/index.ts";
import { recipientsForRole } from "../store/recipients.ts";

export type DocumentWorker = Job;

/** The types of the files an uploaded SOP document usually is (a scan or a photo of a letter, a PDF). */
const MIME_BY_EXTENSION: Record<string, string> = { ".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png" };

/** Tries of one document in a row (in this process) before it is marked failed. */
export const MAX_RENDER_ATTEMPTS = 5;
/** The pause after a failed try, doubling up to the maximum. */
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 30 * 60_000;

/** A document that can never be made as asked: retrying cannot help. */
class UnmakeableDocumentError extends Error {}

/** The stored spec, checked: it is there, it is JSON, and it names a kind this release makes or archives. */
function specOf(doc: { id: string; specJson: string | null }): DocumentSpec {
  if (!doc.specJson) throw new UnmakeableDocumentError("its spec is gone");
  let spec: Partial<DocumentSpec>;
  try {
    spec = JSON.parse(doc.specJson) as Partial<DocumentSpec>;
  } catch {
    throw new UnmakeableDocumentError("its spec is not JSON");
  }
  if (typeof spec !== "object" || spec === null || typeof spec.kind !== "string") throw new UnmakeableDocumentError("its spec names no kind");
  if (!isUploadKind(spec.kind) && !Object.hasOwn(DOCUMENT_KINDS, spec.kind))
    throw new UnmakeableDocumentError(`no document kind "${spec.kind}" in this release`);
  if (spec.upload && typeof spec.upload.ref !== "string") throw new UnmakeableDocumentError("its uploaded file is not named");
  if (!Array.isArray(spec.toRoles) || !Array.isArray(spec.toPersonIds)) throw new UnmakeableDocumentError("its spec names no recipients");
  return spec as DocumentSpec;
}

interface Intake {
  kind?: ClientKind;
  answers?: Partial<Record<FieldId, string | null>>;
  keluhan?: string;
  channel?: string;
  consentVersion?: string;
  registeredBy?: string;
}

const fieldsOf = (intake: Intake): Partial<Record<FieldId, string>> =>
  Object.fromEntries(Object.entries(intake.answers ?? {}).filter((e): e is [string, string] => typeof e[1] === "string")) as Partial<Record<FieldId, string>>;

export function createDocumentWorker(p: {
  prisma: Prisma;
  flowContext(flowId: string): FlowContext;
  log: Logger;
  clock?: () => Date;
  afterQueue?: () => void;
  pollMs?: number;
  /** Where uploaded SOP documents are fetched from (the files people sent in chat); without it they wait. */
  fileStore?: FileStore;
}): DocumentWorker {
  const { prisma, log } = p;
  const clock = p.clock ?? (() => new Date());

  async function personOf(personId: string | null | undefined, roleLabel: string): Promise<DocumentPerson> {
    const person = personId ? await prisma.person.findUnique({ where: { id: personId }, select: { displayName: true } }) : null;
    return { name: person?.displayName ?? "-", role: roleLabel };
  }

  /** What to render, from the case as it is now: the kind's builder reads what it needs from the source. */
  async function buildDocument(doc: { id: string; caseId: string; kind: string; createdAt: Date }, spec: DocumentSpec, now: Date): Promise<SopDocument> {
    const c = await prisma.case.findUniqueOrThrow({ where: { id: doc.caseId }, include: { client: { select: { displayName: true } } } });
    const ctx = p.flowContext(c.flowId);
    const roleLabel = (role: string) => ctx.organisation.roles.find((r) => r.id === role)?.label ?? role;
    const header = {
      organisation: ctx.organisation.name,
      sopTitle: ctx.flow.title,
      caseNo: c.number,
      generatedAt: now,
      timeZone: ctx.organisation.calendar.timeZone,
    };
    const intake = JSON.parse(c.intakeJson || "{}") as Intake;
    const client = { kind: intake.kind ?? "klien", fields: fieldsOf(intake) };
    const run = spec.stepRunId ? await prisma.stepRun.findUnique({ where: { id: spec.stepRunId } }) : null;
    const source = spec.textFromStepId
      ? await prisma.stepRun.findFirst({ where: { caseId: c.id, stepId: spec.textFromStepId, actedAt: { not: null } }, orderBy: { actedAt: "desc" } })
      : run;
    const input: DocumentSource = {
      header,
      caseNo: c.number,
      client,
      clientName: c.client.displayName,
      complaint: intake.keluhan,
      channel: intake.channel,
      openedAt: c.openedAt,
      text: source?.note ?? run?.note ?? "-",
      stepNote: run?.note ?? null,
      textFromOtherStep: Boolean(spec.textFromStepId),
      stepRunId: run?.id ?? null,
      textStepId: spec.textFromStepId ?? run?.stepId ?? null,
      actedAt: run?.actedAt ?? doc.createdAt,
      actor: await personOf(run?.actedById, roleLabel(run?.role ?? "")),
      recipients: spec.toRoles.map(roleLabel),
      copies: (spec.copyRoles ?? []).map(roleLabel),
      attachKinds: spec.attachKinds ?? [],
      attachNames: (spec.attachKinds ?? []).map((kind) => (isUploadKind(kind) ? uploadName(kind) : documentName(kind))),
      textAuthor: () => personOf(source?.actedById, roleLabel(source?.role ?? "konselor")),
      async consent() {
        const consent = await prisma.consent.findFirst({ where: { personId: c.clientId }, orderBy: { givenAt: "desc" } });
        return consent ? { textVersion: consent.textVersion, givenAt: consent.givenAt } : null;
      },
      async registeredBy() {
        if (!intake.registeredBy) return undefined;
        const registrar = await prisma.staffRole.findFirst({ where: { personId: intake.registeredBy, orgId: c.orgId } });
        return personOf(intake.registeredBy, roleLabel(registrar?.role ?? "staf"));
      },
      async stepRuns() {
        const until = run?.actedAt ?? doc.createdAt;
        const runs = await prisma.stepRun.findMany({
          where: { caseId: c.id, actedAt: { not: null, lte: until } },
          orderBy: [{ actedAt: "asc" }, { askedAt: "asc" }],
          include: { actedBy: { select: { displayName: true } } },
        });
        return runs.map((r): DocumentStepRun => {
          const step = ctx.flow.step(r.stepId);
          const outcome = r.outcome ?? "done";
          return {
            id: r.id,
            stepId: r.stepId,
            stepNo: r.stepNo,
            activity: step?.activity ?? r.stepId,
            action: step?.action ?? "",
            actor: { name: r.actedBy?.displayName ?? "-", role: roleLabel(r.role) },
            outcome,
            outcomeLabel: step ? outcomeLabel(step, outcome, "id") : outcome,
            note: r.note,
            actedAt: r.actedAt!,
          };
        });
      },
      earlierOfSameKind: () => prisma.document.count({ where: { caseId: c.id, kind: spec.kind, createdAt: { lt: doc.createdAt } } }),
    };
    if (isUploadKind(spec.kind)) throw new Error(`Document ${doc.id}: an uploaded ${spec.kind} is fetched, not built`);
    return DOCUMENT_KINDS[spec.kind].build(input);
  }

  async function deliver(
    tx: Tx,
    doc: { id: string; caseId: string; kind: string },
    spec: DocumentSpec,
    title: string,
    file: { name: string; mimeType: string },
  ): Promise<number> {
    const c = await tx.case.findUniqueOrThrow({ where: { id: doc.caseId } });
    const attachments: OutboundAttachment[] = [{ kind: "document", ref: `doc:${doc.id}`, name: file.name, mimeType: file.mimeType }];
    for (const kind of spec.attachKinds ?? []) {
      const extra = await tx.document.findFirst({ where: { caseId: c.id, kind, status: "ready" }, orderBy: { createdAt: "desc" } });
      if (!extra) continue;
      const pdf = extra.mimeType === "application/pdf";
      attachments.push({
        kind: "document",
        ref: `doc:${extra.id}`,
        name: `kasus-${c.number}-${kind.replace(/_/g, "-")}${pdf ? ".pdf" : ""}`,
        mimeType: extra.mimeType,
      });
    }
    const seen = new Set<string>();
    let queued = 0;
    const send = async (r: { personId: string; identityId: string; channel: string; address: string; locale: string }) => {
      if (seen.has(r.identityId)) return;
      seen.add(r.identityId);
      const t = messagesFor(r.locale);
      await queueMessage(tx, {
        channel: r.channel,
        address: r.address,
        personId: r.personId,
        caseId: c.id,
        dedupeKey: `doc:${doc.id}:${r.identityId}`,
        message: { text: t.staff.documentFor({ caseNo: c.number, title }), caseNo: c.number, attachments },
      });
      queued++;
    };
    for (const role of [...spec.toRoles, ...(spec.ccRoles ?? []), ...(spec.copyRoles ?? [])]) {
      for (const r of await recipientsForRole(tx, { orgId: c.orgId, role, clientId: c.clientId, counsellorId: c.counsellorId })) await send(r);
    }
    for (const personId of spec.toPersonIds) {
      const person = await tx.person.findUnique({ where: { id: personId }, include: { identities: { where: { blockedAt: null } } } });
      for (const i of person?.identities ?? []) await send({ personId, identityId: i.id, channel: i.channel, address: i.address, locale: person!.locale });
    }
    return queued;
  }

  /** A generated document: built from the case and rendered as PDF. */
  async function renderSop(doc: { id: string; caseId: string; kind: string; createdAt: Date }, spec: DocumentSpec) {
    const sop = await buildDocument(doc, spec, clock());
    return { bytes: await renderDocumentPdf(sop), title: documentTitle(sop), file: { name: documentFileName(sop), mimeType: "application/pdf" } };
  }

  /** An uploaded SOP document: the file the actor sent, archived as it is under the SOP's name for it. */
  async function fetchUpload(doc: { id: string; caseId: string }, kind: UploadKind, ref: string) {
    if (!p.fileStore) throw new Error(`Document ${doc.id}: no file store to fetch the uploaded ${kind} from`);
    const stored = await p.fileStore.load(ref);
    const c = await prisma.case.findUniqueOrThrow({ where: { id: doc.caseId }, select: { number: true } });
    const named = /\.[A-Za-z0-9]{1,8}$/.exec(stored.name ?? "")?.[0];
    // A platform that keeps files may not say their type: the name's extension does.
    const mimeType = stored.mimeType ?? MIME_BY_EXTENSION[named?.toLowerCase() ?? ""] ?? "application/octet-stream";
    const extension = named ?? Object.entries(MIME_BY_EXTENSION).find(([, mime]) => mime === mimeType)?.[0] ?? "";
    return { bytes: stored.bytes, title: uploadName(kind), file: { name: `kasus-${c.number}-${kind.replace(/_/g, "-")}${extension}`, mimeType } };
  }

  /** Failed tries so far and when the next may be, by document id (this process's view). */
  const retries = new Map<string, { attempts: number; nextAt: number }>();

  /** Gives up on a document for good: failed, audited, said in the log (its id and kind, never its content). */
  async function markFailed(doc: { id: string; caseId: string; kind: string }, reason: string, attempts: number): Promise<void> {
    retries.delete(doc.id);
    await prisma.$transaction(async (tx) => {
      await tx.document.update({ where: { id: doc.id }, data: { status: "failed" } });
      await tx.auditEvent.create({
        data: { at: clock(), type: "document_failed", caseId: doc.caseId, dataJson: JSON.stringify({ documentId: doc.id, kind: doc.kind, reason, attempts }) },
      });
    });
    log.error({ documentId: doc.id, kind: doc.kind, reason, attempts }, "a document could not be made and is marked failed; it will not be tried again");
  }

  async function renderOne(doc: { id: string; caseId: string; kind: string; specJson: string | null; createdAt: Date }): Promise<void> {
    const claimed = await prisma.document.updateMany({ where: { id: doc.id, status: "pending" }, data: { status: "rendering" } });
    if (claimed.count !== 1) return;
    try {
      const spec = specOf(doc);
      const made = spec.upload && isUploadKind(spec.kind) ? await fetchUpload(doc, spec.kind, spec.upload.ref) : await renderSop(doc, spec);
      const { bytes, title, file } = made;
      await prisma.$transaction(async (tx) => {
        await tx.document.update({ where: { id: doc.id }, data: { content: new Uint8Array(bytes), status: "ready", title, mimeType: file.mimeType } });
        const queued = await deliver(tx, doc, spec, title, file);
        await tx.auditEvent.create({
          data: {
            at: clock(),
            type: "document_generated",
            caseId: doc.caseId,
            dataJson: JSON.stringify({ documentId: doc.id, kind: doc.kind, recipients: queued }),
          },
        });
      });
      retries.delete(doc.id);
    } catch (error) {
      if (error instanceof UnmakeableDocumentError) return markFailed(doc, error.message, 1);
      const attempts = (retries.get(doc.id)?.attempts ?? 0) + 1;
      // The error's name only in the audit: a message may quote what the document holds.
      if (attempts >= MAX_RENDER_ATTEMPTS) return markFailed(doc, `making it failed ${attempts} times (${(error as Error).name})`, attempts);
      retries.set(doc.id, { attempts, nextAt: clock().getTime() + Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS) });
      await prisma.document.update({ where: { id: doc.id }, data: { status: "pending" } }).catch(() => undefined);
      throw error;
    }
  }

  async function runOnce(): Promise<void> {
    const now = clock().getTime();
    const waiting = [...retries].filter(([, r]) => r.nextAt > now).map(([id]) => id);
    const pending = await prisma.document.findMany({
      where: { status: "pending", ...(waiting.length ? { id: { notIn: waiting } } : {}) },
      orderBy: { createdAt: "asc" },
      take: 20,
    });
    for (const doc of pending) {
      try {
        await renderOne(doc);
      } catch (error) {
        log.error({ documentId: doc.id, err: (error as Error).message }, "rendering a document failed; will try again later");
      }
    }
    if (pending.length) p.afterQueue?.();
  }

  const loop = pollingLoop({
    pass: runOnce,
    pollMs: p.pollMs ?? 10_000,
    onError: (error) => log.error({ err: error.message }, "document worker pass failed; will try again"),
  });
  let starting: Promise<void> | undefined;
  let stopped = false;
  return {
    runOnce: loop.runOnce,
    kick: loop.kick,
    start() {
      stopped = false;
      // A worker that died mid-render left "rendering": take those back first.
      starting = prisma.document
        .updateMany({ where: { status: "rendering" }, data: { status: "pending" } })
        .then(() => undefined)
        .catch((error: Error) => log.error({ err: error.message }, "could not take back documents left rendering"))
        .finally(() => {
          if (!stopped) loop.start();
        });
    },
    async stop() {
      stopped = true;
      await starting;
      await loop.stop();
    },
  };
}
