// What a conversation needs to know about a person it writes to or about: the language to write in, the
// organisation they belong to, the name a staff member is greeted by.
import type { Tx } from "./database.ts";

/** The language a person reads (null for someone not on record): messages to them are written in it. */
export async function personLocale(tx: Tx, personId: string): Promise<string | null> {
  const person = await tx.person.findUnique({ where: { id: personId }, select: { locale: true } });
  return person?.locale ?? null;
}

/** The language of each of these people who is on record. */
export async function personLocales(tx: Tx, personIds: string[]): Promise<{ id: string; locale: string }[]> {
  return tx.person.findMany({ where: { id: { in: personIds } }, select: { id: true, locale: true } });
}

/** A person's organisation (null for staff, or a client not placed yet) and language; null for someone not on record. */
export async function personOrgAndLocale(tx: Tx, personId: string): Promise<{ orgId: string | null; locale: string } | null> {
  return tx.person.findUnique({ where: { id: personId }, select: { orgId: true, locale: true } });
}

/** The name and language of a person who must be on record (a staff member just linked); throws otherwise. */
export async function nameAndLocaleOf(tx: Tx, personId: string): Promise<{ displayName: string | null; locale: string }> {
  return tx.person.findUniqueOrThrow({ where: { id: personId }, select: { displayName: true, locale: true } });
}

/** Remembers the language a person chose (/bahasa). */
export async function setPersonLocale(tx: Tx, personId: string, locale: string): Promise<void> {
  await tx.person.update({ where: { id: personId }, data: { locale } });
}
