// Salinan Data Pribadi: made when a client asks for a copy of their data (/datasaya), from their records as they
// are at that moment (src/app/personalDataCopy.ts), never from one case and never archived.
import type { DocumentKindModule } from "../documentKind.ts";
import { layoutSalinanDataPribadi } from "./layoutSalinanDataPribadi.ts";
import { checkSalinanDataPribadi } from "./salinanDataPribadiDocument.ts";
import { salinanDataPribadiTexts } from "./salinanDataPribadiTexts.ts";

export const salinanDataPribadiKind: DocumentKindModule<"salinan_data_pribadi"> = {
  kind: "salinan_data_pribadi",
  name: salinanDataPribadiTexts.name,
  producedBy: "request",
  check: checkSalinanDataPribadi,
  layout: layoutSalinanDataPribadi,
  build: () => Promise.reject(new Error("A copy of personal data is made from the person's records (src/app/personalDataCopy.ts), not from a case")),
};
