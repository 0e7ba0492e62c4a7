// Local mode: the whole front door in a browser, with no chat tokens. Seeds the demo staff, rebuilds the panes'
// transcripts, and mounts the local page on the product's HTTP server behind this process's page token (printed
// at start-up; src/http/localPageAccess.ts); its sender joins the outbox like any other channel's. On when asked
// (LOCAL_CHANNEL=1) or when no real channel is configured.
import type { FastifyInstance } from "fastify";
import { isIP } from "node:net";
import { seedDemoStaff } from "./demoStaff.ts";
import { createLocalChannel } from "./localChannel.ts";
import { createLocalHub } from "./localHub.ts";
import { localPageBase, localPageToken, localPageUrl } from "./localPageUrl.ts";
import { clientPaneId, parseClientPane } from "./localPanes.ts";
import { createLocalSender } from "./localSender.ts";
import { rebuildTranscripts } from "./rebuildTranscripts.ts";
import type { RunningChannel } from "../channelStart.ts";
import type { InboundMessage } from "../inboundMessage.ts";
import type { InboundOutcome } from "../../dialogs/handleInbound.ts";
import { registerLocalPage, type LocalPageOrg } from "../../http/localPage.ts";
import { servedOverHttps } from "../../http/transportSecurity.ts";
import type { Logger } from "../../logger.ts";
import type { ChannelSender } from "../../notify/channelSender.ts";
import type { FileStore } from "../../notify/fileStore.ts";
import { databaseFileStore } from "../../store/databaseFileStore.ts";
import type { App } from "../../app/openApp.ts";

/** What the service keeps of local mode: the sender for the outbox, the page's URL for the health line. */
export interface LocalMode extends RunningChannel {
  sender: ChannelSender;
  /** The page's root (the HTTP server's), for the start-up line and /healthz: without the token. */
  readonly url: string;
  /** The address to open, with this process's token (printed last at start-up). */
  readonly pageUrl: string;
}

/** The names (not addresses) the page answers to besides localhost: HTTP_HOST's and PUBLIC_BASE_URL's. */
function pageHostNames(app: App): string[] {
  const names = [app.config.http.host];
  if (app.config.http.publicBaseUrl) names.push(new URL(app.config.http.publicBaseUrl).hostname);
  return names.map((n) => n.replace(/^\[|\]$/g, "").toLowerCase()).filter((n) => n && isIP(n) === 0);
}

/** What to call a client pane: the first kind (praja before pegawai before klien) that opens cases itself in this organisation. */
function clientKindOf(app: App, orgId: string): string {
  const kinds = new Set([...app.flows.flows.values()].filter((f) => f.organisation === orgId).flatMap((f) => f.clients));
  return ["praja", "pegawai", "klien"].find((k) => kinds.has(k)) ?? "klien";
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** Starts local mode on a server that is not listening yet (routes must be added before listen). */
export async function startLocalMode(p: {
  app: App;
  server: FastifyInstance;
  handleInbound(msg: InboundMessage): Promise<InboundOutcome>;
  log: Logger;
  /** Where attachment bytes live (the service's store, which can also fetch Telegram files); the database by default. */
  fileStore?: FileStore;
  /** A real chat channel runs beside it (then demo staff may be given real cases: warn). */
  besideRealChannel?: boolean;
}): Promise<LocalMode> {
  const { app, server, log } = p;
  const prisma = app.db.prisma;
  const fileStore = p.fileStore ?? databaseFileStore(prisma);
  const organisations = [...app.flows.organisations.values()];
  const staff = await seedDemoStaff(prisma, organisations);

  const hub = createLocalHub();
  const restored = await rebuildTranscripts(prisma, hub);
  for (const org of organisations) if (!hub.panes().some((pane) => parseClientPane(pane)?.orgId === org.id)) hub.addPane(clientPaneId(org.id, 1));

  const defaultOrgId = app.config.defaultOrgId ?? organisations[0]?.id ?? "";
  const channel = createLocalChannel({
    hub,
    prisma,
    fileStore,
    handleInbound: p.handleInbound,
    staffPanes: new Set(staff.map((s) => s.pane)),
    orgIds: new Set(organisations.map((o) => o.id)),
    defaultOrgId,
    log,
  });
  const orgs: LocalPageOrg[] = organisations.map((org) => ({
    id: org.id,
    name: org.name,
    clientKind: clientKindOf(app, org.id),
    staff: staff
      .filter((s) => s.orgId === org.id)
      .map((s) => {
        const role = org.roles.find((r) => r.id === s.role);
        return { pane: s.pane, name: s.name, label: role?.label ?? s.role, label_en: role?.label_en };
      }),
  }));
  const access = { token: localPageToken(), hostNames: pageHostNames(app), secureCookie: servedOverHttps(app.config) };
  const endStreams = registerLocalPage(server, { hub, channel, fileStore, orgs, access });

  if (!LOOPBACK.test(app.config.http.host)) {
    log.warn("local mode: whoever has the page's address (with its token) can act as any demo staff member; keep HTTP_HOST on 127.0.0.1");
  }
  if (app.config.local.alwaysOn && p.besideRealChannel) {
    log.warn(
      "local mode runs beside a real channel (LOCAL_CHANNEL=1): the demo staff act only for the page's own clients, never on a real client's case; use this only for trying things out",
    );
  }
  log.info({ demoStaff: staff.length, restoredMessages: restored }, "local mode: demo staff ready");

  const where = () => {
    const address = server.server.address();
    return { host: app.config.http.host, port: typeof address === "object" && address ? address.port : app.config.http.port };
  };
  const url = () => localPageBase(where());
  return {
    sender: createLocalSender(hub),
    get url() {
      return url();
    },
    get pageUrl() {
      return localPageUrl(where());
    },
    status: () => `browser chat simulator with demo staff at ${url()}`,
    async stop() {
      endStreams();
    },
  };
}
