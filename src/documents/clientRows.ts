// The client's biodata as label/value rows, in the order the intake asks for them.
import { FIELDS_BY_KIND, type FieldId } from "../dialogs/intake/intakeFields.ts";
import { documentTexts as t } from "./documentTexts.ts";
import type { DocumentClient } from "./documentParts.ts";
import type { FieldRow } from "./documentWriter.ts";

const CONTACT_FIELDS: readonly FieldId[] = ["telepon", "email"];

/**
 * Kind first, then every field the intake asks of that kind (unanswered ones print as not given), then
 * any other field the record holds, so nothing recorded is dropped. withContacts: false leaves out phone
 * and email, for reports that go up the chain and need the identity but not the contacts.
 */
export function clientRows(client: DocumentClient, opts: { withContacts: boolean }): FieldRow[] {
  const asked: readonly FieldId[] = FIELDS_BY_KIND[client.kind] ?? [];
  const extra = (Object.keys(client.fields) as FieldId[]).filter((f) => !asked.includes(f));
  const fields = [...asked, ...extra].filter((f) => opts.withContacts || !CONTACT_FIELDS.includes(f));
  return [[t.kindField, t.kindLabel(client.kind)], ...fields.map((f): FieldRow => [t.fieldLabel(f), client.fields[f] ?? ""])];
}
