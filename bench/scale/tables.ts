// The tables the scale data fills, with their columns in insert order and a portable type per column
// (so one generator feeds both the SQLite and the PostgreSQL bulk writer). Names as in prisma/schema.prisma.

export type ColumnType = "text" | "int" | "bool" | "date";

export interface TableSpec {
  name: string;
  columns: [name: string, type: ColumnType][];
}

const t = (name: string, columns: TableSpec["columns"]): TableSpec => ({ name, columns });

export const PERSON = t("Person", [
  ["id", "text"],
  ["kind", "text"],
  ["clientKind", "text"],
  ["orgId", "text"],
  ["displayName", "text"],
  ["locale", "text"],
  ["isDemo", "bool"],
  ["createdAt", "date"],
]);
export const CHANNEL_IDENTITY = t("ChannelIdentity", [
  ["id", "text"],
  ["personId", "text"],
  ["channel", "text"],
  ["address", "text"],
  ["createdAt", "date"],
]);
export const STAFF_ROLE = t("StaffRole", [
  ["id", "text"],
  ["personId", "text"],
  ["orgId", "text"],
  ["role", "text"],
  ["available", "bool"],
  ["createdAt", "date"],
]);
export const CASE = t("Case", [
  ["id", "text"],
  ["number", "int"],
  ["orgId", "text"],
  ["flowId", "text"],
  ["clientId", "text"],
  ["counsellorId", "text"],
  ["status", "text"],
  ["currentStepId", "text"],
  ["version", "int"],
  ["intakeJson", "text"],
  ["openedAt", "date"],
  ["closedAt", "date"],
]);
export const STEP_RUN = t("StepRun", [
  ["id", "text"],
  ["caseId", "text"],
  ["stepId", "text"],
  ["stepNo", "text"],
  ["role", "text"],
  ["askedAt", "date"],
  ["deadlineAt", "date"],
  ["standardMin", "int"],
  ["clock", "text"],
  ["remindedAt", "date"],
  ["escalatedAt", "date"],
  ["actedAt", "date"],
  ["actedById", "text"],
  ["outcome", "text"],
  ["late", "bool"],
  ["actualMin", "int"],
]);
export const MESSAGE = t("Message", [
  ["id", "text"],
  ["caseId", "text"],
  ["personId", "text"],
  ["direction", "text"],
  ["channel", "text"],
  ["text", "text"],
  ["platformId", "text"],
  ["createdAt", "date"],
]);
export const OUTBOX = t("Outbox", [
  ["id", "text"],
  ["dedupeKey", "text"],
  ["channel", "text"],
  ["address", "text"],
  ["personId", "text"],
  ["caseId", "text"],
  ["payloadJson", "text"],
  ["status", "text"],
  ["attempts", "int"],
  ["nextAttemptAt", "date"],
  ["platformId", "text"],
  ["stepRunId", "text"],
  ["createdAt", "date"],
  ["sentAt", "date"],
]);

/** Every table the generator fills. */
export const LOADED_TABLES = [PERSON, CHANNEL_IDENTITY, STAFF_ROLE, CASE, STEP_RUN, MESSAGE, OUTBOX];

/** A row: values in the table's column order (null for SQL NULL). */
export type Row = (string | number | boolean | Date | null)[];

/** Where generated rows go: a bulk writer for one database kind. */
export interface BulkWriter {
  /** Before loading: set the loaded tables' secondary indexes aside (they are rebuilt once in finish()). */
  prepare(tables: TableSpec[]): Promise<void>;
  insert(table: TableSpec, rows: Row[]): Promise<void>;
  /** Sets the case-number counter the product continues from. */
  setCaseNumber(value: number): Promise<void>;
  /** After loading: rebuild the indexes set aside, and what a running database would have done meanwhile (PostgreSQL: ANALYZE, as autovacuum does). */
  finish(): Promise<void>;
  close(): Promise<void>;
}
