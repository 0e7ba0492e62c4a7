// Form Registrasi: PUSPAGA's registration form, made when a klien is registered on a flow that names it
// (the flow file's registration_document).
import type { DocumentKindModule } from "../documentKind.ts";
import { buildFormRegistrasi } from "./buildFormRegistrasi.ts";
import { checkFormRegistrasi } from "./formRegistrasiDocument.ts";
import { formRegistrasiTexts } from "./formRegistrasiTexts.ts";
import { layoutFormRegistrasi } from "./layoutFormRegistrasi.ts";

export const formRegistrasiKind: DocumentKindModule<"form_registrasi"> = {
  kind: "form_registrasi",
  name: formRegistrasiTexts.name,
  producedBy: "intake",
  check: checkFormRegistrasi,
  layout: layoutFormRegistrasi,
  build: buildFormRegistrasi,
};
