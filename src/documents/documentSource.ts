// What a document kind's builder may read about the case, the step that produced the document and its
// people. The document worker (src/jobs/documentWorker.ts) fills it from the database; the builders stay
// free of Prisma. Lookups only some kinds need are functions, so a kind that does not ask costs no query.
import type { DocumentClient, DocumentConsent, DocumentHeader, DocumentKind, DocumentPerson, DocumentStepRun } from "./documentTypes.ts";
import type { UploadKind } from "./uploadKinds.ts";

export interface DocumentSource {
  header: DocumentHeader;
  caseNo: number;
  /** The client's biodata as the intake stored it. */
  client: DocumentClient;
  /** The client's display name, when the person has one. */
  clientName: string | null;
  /** The complaint (keluhan) and the channel of the registration, as the intake stored them. */
  complaint: string | undefined;
  channel: string | undefined;
  openedAt: Date;
  /** The document's text: the latest note of the step it takes its text from, else the producing step's note; "-" when none. */
  text: string;
  /** The producing step run's own note (an approver's note when the text comes from another step). */
  stepNote: string | null;
  /** Whether the text comes from another step (the flow's document_text_from). */
  textFromOtherStep: boolean;
  /** The producing step run's id; null for a document no step produced (the registration form). */
  stepRunId: string | null;
  /** The step the text comes from: the flow's document_text_from, else the producing step; null when neither. */
  textStepId: string | null;
  /** When the producing step was done (the document's creation when no step produced it). */
  actedAt: Date;
  /** Who did the producing step, in the role they acted in. */
  actor: DocumentPerson;
  /** The role labels of those who receive it (named on it). */
  recipients: string[];
  /** The role labels of those who receive a copy named on it as such (tembusan); empty when none. */
  copies: string[];
  /** Kinds of document sent with it. */
  attachKinds: (DocumentKind | UploadKind)[];
  /** Their names as the SOP writes them ("Laporan Tertulis", "Surat Hasil Pemeriksaan"), in the same order. */
  attachNames: string[];
  /** Who wrote the text (the actor of the step the text comes from; a konselor when unknown). */
  textAuthor(): Promise<DocumentPerson>;
  /** The client's latest consent. */
  consent(): Promise<DocumentConsent | null>;
  /** The staff member who registered the client, when it was not the client. */
  registeredBy(): Promise<DocumentPerson | undefined>;
  /**
   * The case's done step runs up to the producing one (up to the document's creation when no step produced
   * it), oldest first, the producing run included: approval trails, counselling sessions.
   */
  stepRuns(): Promise<DocumentStepRun[]>;
  /** How many documents of the same kind the case got before this one. */
  earlierOfSameKind(): Promise<number>;
}
