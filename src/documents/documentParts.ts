// The parts every SOP document shares: letterhead, people, the client's biodata and consent, the case's step
// runs. Each kind's own shape (e.g. notaDinas/notaDinasDocument.ts) is built from these; documentTypes.ts
// names the kinds.
import type { ClientKind, FieldId } from "../dialogs/intake/intakeFields.ts";

/** The letterhead every document carries, so a printed page is traceable to its unit, SOP and case. */
export interface DocumentHeader {
  /** The organisation's full name, e.g. "Unit Bimbingan Konseling Praja dan Pegawai, Institut Pemerintahan Dalam Negeri (IPDN)". */
  organisation: string;
  /** The SOP's name (the flow title), e.g. "Administrasi Layanan Bimbingan dan Konseling Praja". */
  sopTitle: string;
  /** The case number shown as "Kasus #<n>"; a positive integer. */
  caseNo: number;
  /** When the document was generated. Also the PDF's creation date, so the same input gives the same bytes. */
  generatedAt: Date;
  /** IANA zone every date is shown in, e.g. "Asia/Jakarta" (printed as WIB). */
  timeZone: string;
}

/**
 * The letterhead of a document about a person rather than one case (the copy of their personal data they asked
 * for): the same, without a case number.
 */
export interface PersonDocumentHeader extends Omit<DocumentHeader, "caseNo"> {
  caseNo: null;
}

/** Either letterhead, as the shared PDF code prints it. */
export type AnyDocumentHeader = DocumentHeader | PersonDocumentHeader;

/** Someone who acts in the SOP, printed as a name with the role they acted in. */
export interface DocumentPerson {
  name: string;
  /** The role's label, e.g. "Konselor", "Kepala Unit", "Rektor IPDN". */
  role: string;
}

/** The client's biodata exactly as the intake stored it (its field ids and normalised answers). */
export interface DocumentClient {
  kind: ClientKind;
  /** Answers by intake field id; fields the client skipped are absent. Unknown extra fields are printed too. */
  fields: Partial<Record<FieldId, string>>;
}

/** The client's consent to the processing of their data, as recorded at intake. */
export interface DocumentConsent {
  /** The version of the consent text the client agreed to, e.g. "2026-11-25". */
  textVersion: string;
  givenAt: Date;
}

/** A done step run of the case as a document prints it: an approval in a trail, a counselling session. */
export interface DocumentStepRun {
  id: string;
  stepId: string;
  /** The SOP's own number for the step ("6.4"). */
  stepNo: string;
  /** The step's activity as the flow file writes it (its id when the flow no longer has the step). */
  activity: string;
  /** The flow's kind of action for the step ("approval", "form", "decision", …; "" when the flow no longer has it). */
  action: string;
  /**
   * Who recorded it, in the step's role. An outside party's step (unit terkait, psikiater) is recorded by the
   * unit's staff: the name is the recorder's, the role the outside party's.
   */
  actor: DocumentPerson;
  /** The outcome id ("approve", "revise", a branch id). */
  outcome: string;
  /** The outcome as the flow's button names it ("Setujui, teruskan ke Eselon III"). */
  outcomeLabel: string;
  /** What the actor wrote (a report, a reason for sending back); null when nothing. */
  note: string | null;
  actedAt: Date;
}
