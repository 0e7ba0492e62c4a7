// Disposisi: a superior's directive, made when a disposisi step (or a step naming it) is done.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildDisposisi } from "./buildDisposisi.ts";
import { checkDisposisi } from "./disposisiDocument.ts";
import { disposisiTexts } from "./disposisiTexts.ts";
import { layoutDisposisi } from "./layoutDisposisi.ts";

export const disposisiKind: DocumentKindModule<"disposisi"> = {
  kind: "disposisi",
  name: disposisiTexts.name,
  producedBy: "step",
  check: checkDisposisi,
  layout: layoutDisposisi,
  build: buildDisposisi,
};
