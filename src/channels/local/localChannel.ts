// The local channel's receiving half: a post from the page is checked (known pane, a button that pane
// actually shows, a small file), shown in the pane, converted to the neutral message and handed to the
// dialogs. Like a chat app, a pane can only press buttons it was sent; anything else is refused and audited.
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import { messagesFor } from "../../i18n/index.ts";
import { localTextsFor } from "../../i18n/local.ts";
import type { Logger } from "../../logger.ts";
import { AttachmentRefusedError, type FileStore } from "../../notify/fileStore.ts";
import type { Prisma } from "../../store/database.ts";
import type { Attachment, InboundMessage } from "../inboundMessage.ts";
import { newLocalMessageId, type LocalHub } from "./localHub.ts";
import { clientPaneId, parseClientPane } from "./localPanes.ts";
import { LOCAL_MAX_FILE_BYTES, attachmentKindOf, localPostSchema, localPostToInbound } from "./localToInbound.ts";

/** What the receiving half needs: the hub, the dialogs' entry point, where files go, which panes exist. */
export interface LocalChannelOptions {
  hub: LocalHub;
  prisma: Prisma;
  fileStore: FileStore;
  handleInbound(msg: InboundMessage): Promise<InboundOutcome>;
  /** Panes of the demo staff. */
  staffPanes: ReadonlySet<string>;
  /** Organisations whose client panes may be opened. */
  orgIds: ReadonlySet<string>;
  /** The organisation of a plain /start (no deep link needed for it). */
  defaultOrgId: string;
  log: Logger;
  clock?: () => Date;
}

/** The answer to one post, as the page gets it (a refusal says why, in the page's language). */
export interface LocalReceipt {
  status: number;
  body: { ok: true; duplicate: boolean; toast?: string } | { ok: false; error: string };
}

/** The local channel's receiving half, called by the page's HTTP routes. */
export interface LocalChannel {
  /** Handles one post from the page (any JSON); answers with the HTTP status and body for the page. */
  receive(raw: unknown): Promise<LocalReceipt>;
  /** Opens the next client pane of an organisation; null for an unknown organisation. */
  openClientPane(orgId: string): string | null;
  /** Whether posts for this pane are accepted. */
  knowsPane(pane: string): boolean;
}

/** Creates the receiving half on a hub. */
export function createLocalChannel(options: LocalChannelOptions): LocalChannel {
  const { hub, log } = options;
  const clock = options.clock ?? (() => new Date());

  const knowsPane = (pane: string) => {
    if (options.staffPanes.has(pane)) return true;
    const client = parseClientPane(pane);
    return client !== null && options.orgIds.has(client.orgId);
  };

  return {
    knowsPane,
    openClientPane(orgId) {
      if (!options.orgIds.has(orgId)) return null;
      const taken = hub
        .panes()
        .map(parseClientPane)
        .filter((c) => c?.orgId === orgId)
        .map((c) => c!.n);
      const pane = clientPaneId(orgId, Math.max(0, ...taken) + 1);
      hub.addPane(pane);
      return pane;
    },
    async receive(raw) {
      const lang = typeof raw === "object" && raw !== null && (raw as { lang?: unknown }).lang === "en" ? "en" : "id";
      const page = localTextsFor(lang);
      const parsed = localPostSchema.safeParse(raw);
      if (!parsed.success) {
        log.warn({ problems: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`) }, "local: a post from the page was refused");
        return { status: 400, body: { ok: false, error: page.badRequest } };
      }
      const post = parsed.data;
      if (!knowsPane(post.pane)) return { status: 404, body: { ok: false, error: page.unknownPane } };

      let pressed: string | undefined;
      if (post.buttonId) {
        pressed = hub.buttonLabel(post.pane, post.buttonId);
        if (pressed === undefined) {
          log.warn("local: a button that this pane was never shown was pressed; refused");
          await options.prisma.auditEvent.create({ data: { type: "button_refused", dataJson: JSON.stringify({ why: "not_in_chat", channel: "local" }) } });
          return { status: 409, body: { ok: false, error: messagesFor(lang).staff.unknownButton } };
        }
      }

      const attachments: Attachment[] = [];
      if (post.file) {
        const bytes = Buffer.from(post.file.base64, "base64");
        if (bytes.length > LOCAL_MAX_FILE_BYTES) return { status: 413, body: { ok: false, error: page.fileTooLarge({ maxKb: LOCAL_MAX_FILE_BYTES / 1024 }) } };
        // Over the sender's limit the file is not kept, and the message goes on without it (its flood notice says why).
        const fileRef = await options.fileStore
          .save({ bytes, name: post.file.name, mimeType: post.file.mimeType }, { channel: "local", address: post.pane })
          .catch((error: unknown) => {
            if (error instanceof AttachmentRefusedError) return null;
            throw error;
          });
        if (fileRef)
          attachments.push({ kind: attachmentKindOf(post.file.mimeType), fileRef, name: post.file.name, mimeType: post.file.mimeType, size: bytes.length });
      }

      const platformId = post.id ? `p-${post.id}` : newLocalMessageId("p");
      const now = clock();
      hub.append(post.pane, {
        id: platformId,
        from: "me",
        text: post.buttonId ? "" : post.text,
        buttons: [],
        links: [],
        attachments: attachments.map((a) => ({ kind: a.kind, name: a.name ?? "lampiran", mimeType: a.mimeType, ref: a.fileRef })),
        replyTo: post.replyTo,
        pressed,
        at: now,
        edited: false,
      });
      const client = parseClientPane(post.pane);
      const msg = localPostToInbound(post, {
        platformId,
        attachments,
        deepLinkOrgId: client && client.orgId !== options.defaultOrgId ? client.orgId : undefined,
        receivedAt: now,
      });
      try {
        const outcome = await options.handleInbound(msg);
        return { status: 200, body: { ok: true, duplicate: outcome.duplicate, toast: outcome.toast || undefined } };
      } catch (error) {
        log.error({ platformId, err: (error as Error).message }, "local: could not handle a message from the page");
        return { status: 503, body: { ok: false, error: messagesFor(lang).errors.tryAgain } };
      }
    },
  };
}
