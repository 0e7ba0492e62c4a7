// Form/Surat Rujukan: the referral letter, made when a step that names it is done (after the approvals).
import type { DocumentKindModule } from "../documentKind.ts";
import { buildSuratRujukan } from "./buildSuratRujukan.ts";
import { checkSuratRujukan } from "./suratRujukanDocument.ts";
import { suratRujukanTexts } from "./suratRujukanTexts.ts";
import { layoutSuratRujukan } from "./layoutSuratRujukan.ts";

export const suratRujukanKind: DocumentKindModule<"surat_rujukan"> = {
  kind: "surat_rujukan",
  name: suratRujukanTexts.name,
  producedBy: "step",
  check: checkSuratRujukan,
  layout: layoutSuratRujukan,
  build: buildSuratRujukan,
};
