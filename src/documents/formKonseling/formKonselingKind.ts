// Form Konseling: the counsellor's record of the sessions, made when a step that names it is done.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildFormKonseling } from "./buildFormKonseling.ts";
import { checkFormKonseling } from "./formKonselingDocument.ts";
import { formKonselingTexts } from "./formKonselingTexts.ts";
import { layoutFormKonseling } from "./layoutFormKonseling.ts";

export const formKonselingKind: DocumentKindModule<"form_konseling"> = {
  kind: "form_konseling",
  name: formKonselingTexts.name,
  producedBy: "step",
  check: checkFormKonseling,
  layout: layoutFormKonseling,
  build: buildFormKonseling,
};
