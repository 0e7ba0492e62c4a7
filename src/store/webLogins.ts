// Dashboard access without passwords: a staff member asks their linked chat for a one-time login link; the
// link (single use, minutes long) becomes an expiring session cookie. Only hashes of both are stored.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma, Tx } from "./database.ts";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A new one-time login token for a person, valid `ttlMinutes`. */
export async function issueLoginToken(tx: Tx, p: { personId: string; now: Date; ttlMinutes: number }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.loginToken.create({ data: { tokenHash: hash(token), personId: p.personId, expiresAt: new Date(p.now.getTime() + p.ttlMinutes * 60_000) } });
  return token;
}

/** The person a login token is for, without using it up (a link preview fetching the link must not spend it). */
export async function peekLoginToken(prisma: Prisma, p: { token: string; now: Date }): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(p.token)) return null;
  const row = await prisma.loginToken.findUnique({ where: { tokenHash: hash(p.token) } });
  return row && !row.usedAt && row.expiresAt.getTime() > p.now.getTime() ? row.personId : null;
}

/** Uses a login token once; the person it was for, or null for a wrong, used or expired one. */
export async function redeemLoginToken(prisma: Prisma, p: { token: string; now: Date }): Promise<string | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(p.token)) return null;
  const row = await prisma.loginToken.findUnique({ where: { tokenHash: hash(p.token) } });
  if (!row || row.usedAt || row.expiresAt.getTime() <= p.now.getTime()) return null;
  const claimed = await prisma.loginToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: p.now } });
  return claimed.count === 1 ? row.personId : null;
}

/** A new session for a person; returns the cookie value. */
export async function startWebSession(prisma: Prisma, p: { personId: string; now: Date; ttlMinutes: number }): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await prisma.webSession.create({ data: { tokenHash: hash(token), personId: p.personId, expiresAt: new Date(p.now.getTime() + p.ttlMinutes * 60_000) } });
  return token;
}

/** The person behind a session cookie, or null when there is none or it expired. */
export async function sessionPerson(prisma: Prisma, p: { token: string | undefined; now: Date }): Promise<string | null> {
  if (!p.token || !/^[A-Za-z0-9_-]{20,100}$/.test(p.token)) return null;
  const row = await prisma.webSession.findUnique({ where: { tokenHash: hash(p.token) } });
  return row && row.expiresAt.getTime() > p.now.getTime() ? row.personId : null;
}

/** Ends a session (logout); ending one that does not exist is fine. */
export async function endWebSession(prisma: Prisma, token: string | undefined): Promise<void> {
  if (token) await prisma.webSession.deleteMany({ where: { tokenHash: hash(token) } });
}

/** Deletes login links and sessions that have expired; returns how many rows went. */
export async function deleteExpiredLogins(prisma: Prisma, now: Date): Promise<number> {
  const tokens = await prisma.loginToken.deleteMany({ where: { expiresAt: { lt: now } } });
  const sessions = await prisma.webSession.deleteMany({ where: { expiresAt: { lt: now } } });
  return tokens.count + sessions.count;
}
