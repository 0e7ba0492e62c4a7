// Asking for an SOP document in the transaction that earns it (the step done, the intake submitted): a
// pending Document row says what to render and whom to send it to; the document worker renders the PDF
// after the commit, archives it on the case and queues it to those people.
import { documentName } from "../documents/documentKinds.ts";
import type { DocumentKind } from "../documents/documentTypes.ts";
import { isUploadKind, uploadName, type UploadKind } from "../documents/uploadKinds.ts";
import type { Tx } from "./database.ts";

/**
 * What the worker needs besides the case: where the text comes from (or, for an uploaded SOP document, which file
 * to archive) and who receives it.
 */
export interface DocumentSpec {
  kind: DocumentKind | UploadKind;
  /** An uploaded document: the file the actor sent (a channel's or the database's file ref), archived as it is. */
  upload?: { ref: string };
  /** The step run whose completion produced it (its actor, time and note). */
  stepRunId?: string;
  /** Take the text from the latest run of this step (a plan written earlier). */
  textFromStepId?: string;
  /** Roles of the case's organisation that receive it (the konselor role means the case's counsellor). */
  toRoles: string[];
  /** Roles that receive a copy without being named on the document (who sent the Nota Dinas a disposisi answers). */
  ccRoles?: string[];
  /** Tembusan: roles that receive a copy and are named on the document as such (the step's cc). */
  copyRoles?: string[];
  /** People who receive it besides (e.g. the counsellor of a new case). */
  toPersonIds: string[];
  /** Also attach the latest ready document of these kinds (a Nota Dinas carries the report it covers). */
  attachKinds?: (DocumentKind | UploadKind)[];
}

/** Records a pending document, asked for at `at` (the service clock); returns its id. */
export async function requestDocument(tx: Tx, p: { caseId: string; spec: DocumentSpec; createdBy?: string | null; at: Date }): Promise<string> {
  const row = await tx.document.create({
    data: {
      caseId: p.caseId,
      kind: p.spec.kind,
      title: isUploadKind(p.spec.kind) ? uploadName(p.spec.kind) : documentName(p.spec.kind),
      // An upload's own type is known once the worker has fetched it.
      mimeType: p.spec.upload ? "application/octet-stream" : "application/pdf",
      status: "pending",
      specJson: JSON.stringify(p.spec),
      stepRunId: p.spec.stepRunId ?? null,
      createdBy: p.createdBy ?? null,
      createdAt: p.at,
    },
    select: { id: true },
  });
  return row.id;
}
