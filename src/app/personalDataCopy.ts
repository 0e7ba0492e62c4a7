// The copy of a client's personal data (/datasaya), made when it is sent: read from their records at that moment,
// laid out as the Salinan Data Pribadi document, rendered to PDF and handed to the channel as an attachment
// ("datasaya:<person id>", resolved by the attachment store). Nothing of it is stored.
import { dataProtectionContact } from "../core/dataProtection.ts";
import type { ClientKind, FieldId } from "../dialogs/intake/intakeFields.ts";
import { documentTexts } from "../documents/documentTexts.ts";
import { renderDocumentPdf } from "../documents/renderPdf.ts";
import type { CopyCase, CopyMessage, SalinanDataPribadiDocument } from "../documents/salinanDataPribadi/salinanDataPribadiDocument.ts";
import { salinanDataPribadiTexts } from "../documents/salinanDataPribadi/salinanDataPribadiTexts.ts";
import { dataRightsTextsFor } from "../i18n/dataRights.ts";
import { FileMissingError, type StoredFile } from "../notify/fileStore.ts";
import { personalDataOf, type PersonalData } from "../store/clients/personalData.ts";
import type { App } from "./openApp.ts";

/** The attachment ref a /datasaya reply carries: the copy is made when the message is sent. */
export const DATA_COPY_REF_PREFIX = "datasaya:";

const CASE_STATUS: Record<string, string> = { open: "Berjalan", archived: "Selesai", cancelled: "Dibatalkan" };
const SESSION_STATUS: Record<string, string> = { booked: "terjadwal", done: "terlaksana", cancelled: "dibatalkan" };

interface Intake {
  kind?: ClientKind;
  answers?: Partial<Record<FieldId, string | null>>;
  keluhan?: string;
}

function caseOf(app: Pick<App, "flows">, c: PersonalData["cases"][number]): CopyCase {
  const flow = app.flows.flows.get(c.flowId);
  let intake: Intake = {};
  try {
    intake = JSON.parse(c.intakeJson || "{}") as Intake;
  } catch {
    intake = {};
  }
  const fields = Object.fromEntries(Object.entries(intake.answers ?? {}).filter((e): e is [string, string] => typeof e[1] === "string")) as Partial<
    Record<FieldId, string>
  >;
  return {
    number: c.number,
    sop: flow?.title ?? c.flowId,
    status: CASE_STATUS[c.status] ?? c.status,
    openedAt: c.openedAt,
    closedAt: c.closedAt,
    client: intake.kind && Object.keys(fields).length ? { kind: intake.kind, fields } : null,
    complaint: intake.keluhan ?? null,
    steps: c.steps.map((s) => ({ stepNo: s.stepNo, activity: flow?.step(s.stepId)?.activity ?? s.stepId, askedAt: s.askedAt, actedAt: s.actedAt })),
    sessions: c.sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt, status: SESSION_STATUS[s.status] ?? "dibatalkan", link: s.meetUrl })),
    documents: c.documents.filter((d) => d.status !== "erased").map((d) => d.title),
  };
}

function attachmentNames(attachJson: string): string[] {
  try {
    return (JSON.parse(attachJson) as { name?: string; kind?: string }[]).map((a) => a.name ?? a.kind ?? "lampiran");
  } catch {
    return [];
  }
}

/** The document for a client, from their records now; null for someone not on record. */
export async function personalDataDocument(
  app: Pick<App, "db" | "flows" | "config">,
  p: { personId: string; now: Date },
): Promise<SalinanDataPribadiDocument | null> {
  const data = await personalDataOf(app.db.prisma, p.personId);
  if (!data) return null;
  const orgs = app.flows.organisations;
  const org = orgs.get(data.person.orgId ?? data.cases.at(-1)?.orgId ?? "") ?? orgs.get(app.config.defaultOrgId ?? "") ?? orgs.values().next().value;
  const numberOf = new Map(data.cases.map((c) => [c.id, c.number]));
  const messages: CopyMessage[] = data.messages.map((m) => ({
    at: m.createdAt,
    from: m.direction === "in" ? "Anda" : "Konselor",
    caseNo: m.caseId ? (numberOf.get(m.caseId) ?? null) : null,
    text: m.text ?? "",
    attachments: attachmentNames(m.attachJson),
  }));
  return {
    kind: "salinan_data_pribadi",
    header: {
      organisation: org?.name ?? "-",
      sopTitle: salinanDataPribadiTexts.sopTitle,
      caseNo: null,
      generatedAt: p.now,
      timeZone: org?.calendar.timeZone ?? "Asia/Jakarta",
    },
    name: data.person.displayName,
    clientKind: data.person.clientKind ? documentTexts.kindLabel(data.person.clientKind) : null,
    language: data.person.locale === "en" ? "English" : "Bahasa Indonesia",
    since: data.person.createdAt,
    handles: data.handles.map((h) => ({ channel: documentTexts.channels[h.channel] ?? h.channel, address: h.address, since: h.createdAt })),
    consents: data.consents.map((c) => ({ ...c, channel: documentTexts.channels[c.channel] ?? c.channel })),
    cases: data.cases.map((c) => caseOf(app, c)),
    messages,
    contact: dataProtectionContact(app.config.dataProtection.contacts, org?.id) ?? dataRightsTextsFor("id").defaultContact,
    retentionDays: app.config.retentionDays,
  };
}

/** The copy as a PDF file, for the attachment store; FileMissingError for someone not on record (erased meanwhile). */
export async function personalDataCopy(app: Pick<App, "db" | "flows" | "config">, p: { personId: string; now: Date }): Promise<StoredFile> {
  const doc = await personalDataDocument(app, p);
  if (!doc) throw new FileMissingError("The copy of personal data asked for is of nobody on record (erased meanwhile?)");
  return { bytes: await renderDocumentPdf(doc), name: "salinan-data-pribadi.pdf", mimeType: "application/pdf" };
}
