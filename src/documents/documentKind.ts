// What one kind of SOP document declares, in its own folder: its name, who asks for it, the checks on
// its data, its layout on the page and how it is built from a case. documentKinds.ts lists them all.
import type { Problems } from "./checkFields.ts";
import type { DocumentSource } from "./documentSource.ts";
import type { DocumentKind, DocumentsByKind } from "./documentTypes.ts";
import type { DocumentWriter } from "./documentWriter.ts";

export interface DocumentKindModule<K extends DocumentKind> {
  kind: K;
  /** The document's name as the SOP's Output column writes it: PDF title, chat caption, file name, Document.title. */
  name: string;
  /**
   * "intake": made when a client registers; "step": made when a flow step that names it under `document` is done;
   * "request": made when a client asks for it, from their records, not a case (its build is never called).
   */
  producedBy: "intake" | "step" | "request";
  /** Pushes a sentence for each of its own fields that cannot be printed. */
  check(doc: DocumentsByKind[K], out: Problems): void;
  /** Writes its body below the letterhead. */
  layout(w: DocumentWriter, doc: DocumentsByKind[K]): void;
  /** Its data, from the case as it is now. */
  build(source: DocumentSource): Promise<DocumentsByKind[K]>;
  /** Added to the file name, to tell apart several documents of this kind on one case ("-2"). */
  fileNameSuffix?(doc: DocumentsByKind[K]): string;
}
