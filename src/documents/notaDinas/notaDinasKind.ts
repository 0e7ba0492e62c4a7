// Nota Dinas: the memo that carries a report up the chain, made when its signatory approves the step.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildNotaDinas } from "./buildNotaDinas.ts";
import { layoutNotaDinas } from "./layoutNotaDinas.ts";
import { checkNotaDinas } from "./notaDinasDocument.ts";
import { notaDinasTexts } from "./notaDinasTexts.ts";

export const notaDinasKind: DocumentKindModule<"nota_dinas"> = {
  kind: "nota_dinas",
  name: notaDinasTexts.name,
  producedBy: "step",
  check: checkNotaDinas,
  layout: layoutNotaDinas,
  build: buildNotaDinas,
  // A case can carry several memos: the second and later ones are numbered in the file name.
  fileNameSuffix: (doc) => (doc.sequence !== undefined && doc.sequence > 1 ? `-${doc.sequence}` : ""),
};
