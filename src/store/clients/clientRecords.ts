// What we keep about a client as a person: their organisation and language, and what a registration says
// about them (their kind, name, and keyed hashes of NPP, NIP, phone and email — never the identifiers).
import type { Tx } from "../database.ts";

/** Keyed hashes of a client's identifiers (null where the registration did not give one). */
export interface LookupHashes {
  nppHash: string | null;
  nipHash: string | null;
  phoneHash: string | null;
  emailHash: string | null;
}

/** Puts a client in an organisation and remembers their language (they consented there, in it). */
export async function placeClient(tx: Tx, personId: string, p: { orgId: string; locale: string }): Promise<void> {
  await tx.person.update({ where: { id: personId }, data: { locale: p.locale, orgId: p.orgId } });
}

/** Keeps what a client's own registration says about them. */
export async function recordClientRegistration(
  tx: Tx,
  personId: string,
  p: { clientKind: string; orgId: string; displayName: string | null; locale: string; hashes: LookupHashes },
): Promise<void> {
  await tx.person.update({
    where: { id: personId },
    data: { clientKind: p.clientKind, orgId: p.orgId, displayName: p.displayName, locale: p.locale, ...p.hashes },
  });
}

/**
 * The client a staff member registers at the desk: a praja or pegawai the unit has seen before (same NPP or NIP,
 * not erased) keeps one record, and so their counsellor; anyone else is a new client. Returns the client's id.
 */
export async function findOrCreateWalkInClient(
  tx: Tx,
  p: { orgId: string; clientKind: string; displayName: string | null; hashes: LookupHashes },
): Promise<string> {
  const { nppHash, nipHash } = p.hashes;
  const known =
    nppHash || nipHash
      ? await tx.person.findFirst({
          where: {
            kind: "client",
            orgId: p.orgId,
            erasedAt: null,
            OR: [nppHash ? { nppHash } : {}, nipHash ? { nipHash } : {}].filter((w) => Object.keys(w).length),
          },
        })
      : null;
  const client = known
    ? await tx.person.update({ where: { id: known.id }, data: { displayName: p.displayName ?? known.displayName, clientKind: p.clientKind } })
    : await tx.person.create({ data: { kind: "client", clientKind: p.clientKind, orgId: p.orgId, displayName: p.displayName, ...p.hashes } });
  return client.id;
}
