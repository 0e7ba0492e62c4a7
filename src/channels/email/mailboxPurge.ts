// An erased client's mails leave the unit's mailbox: every message from, to or copied to one of their addresses,
// and every message of their cases' threads ("[Kasus #N]" in the subject: a counsellor's or a leader's reply
// quoting them), is deleted — or moved to a folder outside the watched mailbox, when MAIL_ERASURE says so.
// The server's search narrows the candidates; each is then checked on its envelope, exactly (a search for
// "a@x" also finds "aa@x", and one for "Kasus #1" finds "Kasus #12").
import { ImapFlow } from "imapflow";
import type { MailboxTarget } from "../../store/purgeRequests.ts";
import { caseNumberFromSubject } from "./caseSubject.ts";
import { imapSettingsSchema, type ImapSettings, type MailErasure } from "./emailSettings.ts";

interface EnvelopeAddress {
  address?: string;
}
interface Envelope {
  subject?: string;
  from?: EnvelopeAddress[];
  to?: EnvelopeAddress[];
  cc?: EnvelopeAddress[];
  bcc?: EnvelopeAddress[];
  replyTo?: EnvelopeAddress[];
}

/** Whether a message is the client's: one of their addresses on its envelope, or one of their cases in its subject. */
export function isClientsMail(envelope: Envelope | undefined, target: MailboxTarget): boolean {
  if (!envelope) return false;
  const addresses = new Set(target.addresses.map((a) => a.toLowerCase()));
  const on = [envelope.from, envelope.to, envelope.cc, envelope.bcc, envelope.replyTo].flatMap((list) => list ?? []);
  if (on.some((a) => a.address && addresses.has(a.address.toLowerCase()))) return true;
  const caseNo = caseNumberFromSubject(envelope.subject);
  return caseNo !== null && target.caseNumbers.includes(caseNo);
}

/** Purges the client's mails from the mailbox; returns how many messages were deleted or moved. */
export async function purgeMailbox(p: {
  imap: ImapSettings;
  target: MailboxTarget;
  erasure: Exclude<MailErasure, { mode: "keep" }>;
  tls?: { rejectUnauthorized?: boolean };
}): Promise<number> {
  const imap = imapSettingsSchema.parse(p.imap);
  const client = new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.password },
    logger: false,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    tls: p.tls,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(imap.mailbox);
    try {
      const candidates = new Set<number>();
      const collect = async (query: Record<string, string>) => {
        const found = await client.search(query, { uid: true });
        for (const uid of found || []) candidates.add(uid);
      };
      for (const address of p.target.addresses) {
        for (const field of ["from", "to", "cc", "bcc"]) await collect({ [field]: address });
      }
      for (const caseNo of p.target.caseNumbers) await collect({ subject: `Kasus #${caseNo}` });
      if (candidates.size === 0) return 0;
      const theirs: number[] = [];
      for await (const message of client.fetch([...candidates].join(","), { envelope: true }, { uid: true })) {
        if (isClientsMail(message.envelope as Envelope | undefined, p.target)) theirs.push(message.uid);
      }
      if (theirs.length === 0) return 0;
      const range = theirs.join(",");
      if (p.erasure.mode === "move") {
        const folder = p.erasure.folder;
        if (!(await client.list()).some((box) => box.path === folder)) await client.mailboxCreate(folder);
        await client.messageMove(range, folder, { uid: true });
      } else {
        await client.messageDelete(range, { uid: true });
      }
      return theirs.length;
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
}
