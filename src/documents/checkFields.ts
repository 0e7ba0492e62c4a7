// Field checks the document kinds share: each pushes a sentence naming the field when its value is unusable.
import { CLIENT_KINDS } from "../dialogs/intake/intakeFields.ts";
import type { DocumentClient, DocumentPerson } from "./documentParts.ts";

/** The problems found so far, one sentence each. */
export type Problems = string[];

const isDate = (v: unknown): v is Date => v instanceof Date && !Number.isNaN(v.getTime());
const isText = (v: unknown): v is string => typeof v === "string";
const isFilled = (v: unknown): v is string => isText(v) && v.trim() !== "";

export function date(out: Problems, name: string, v: unknown): void {
  if (!isDate(v)) out.push(`${name} must be a valid Date`);
}
export function filled(out: Problems, name: string, v: unknown): void {
  if (!isFilled(v)) out.push(`${name} must be a non-empty string`);
}
export function text(out: Problems, name: string, v: unknown): void {
  if (!isText(v)) out.push(`${name} must be a string (it may be empty)`);
}
export function person(out: Problems, name: string, v: DocumentPerson | undefined): void {
  if (!v || typeof v !== "object") return void out.push(`${name} must be { name, role }`);
  filled(out, `${name}.name`, v.name);
  filled(out, `${name}.role`, v.role);
}
export function client(out: Problems, v: DocumentClient | undefined): void {
  if (!v || typeof v !== "object") return void out.push("client must be { kind, fields }");
  if (!CLIENT_KINDS.includes(v.kind)) out.push(`client.kind must be one of ${CLIENT_KINDS.join(", ")}, got ${JSON.stringify(v.kind)}`);
  if (!v.fields || typeof v.fields !== "object") return void out.push("client.fields must be an object of intake answers");
  for (const [k, value] of Object.entries(v.fields)) if (value !== undefined) text(out, `client.fields.${k}`, value);
}
