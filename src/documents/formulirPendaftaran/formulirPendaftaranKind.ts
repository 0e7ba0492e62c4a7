// Formulir Pendaftaran Konseling: the registration form, made when a client is registered.
import type { DocumentKindModule } from "../documentKind.ts";
import { buildFormulirPendaftaran } from "./buildFormulirPendaftaran.ts";
import { checkFormulirPendaftaran } from "./formulirPendaftaranDocument.ts";
import { formulirPendaftaranTexts } from "./formulirPendaftaranTexts.ts";
import { layoutFormulirPendaftaran } from "./layoutFormulirPendaftaran.ts";

export const formulirPendaftaranKind: DocumentKindModule<"formulir_pendaftaran"> = {
  kind: "formulir_pendaftaran",
  name: formulirPendaftaranTexts.name,
  producedBy: "intake",
  check: checkFormulirPendaftaran,
  layout: layoutFormulirPendaftaran,
  build: buildFormulirPendaftaran,
};
