// What the dialogs get from the opened app: its database, keys and flows, what each channel can do, and the
// settings they read from the configuration. The service builds them here, and so do the dialogs' own tests.
import { capabilitiesOf } from "../channels/channelModules.ts";
import type { DialogDeps, DialogSettings } from "../dialogs/dialogContext.ts";
import type { Logger } from "../logger.ts";
import type { App } from "./openApp.ts";

/**
 * The dialogs' settings from the configuration; a chat with no deep link belongs to DEFAULT_ORG, else to the first
 * organisation of flows/organisations.yaml. What a channel adds (the Telegram link) and the dashboard's address are
 * set once those are known.
 */
export function dialogSettingsOf(app: Pick<App, "config" | "flows">): DialogSettings {
  const { config } = app;
  return {
    defaultOrgId: config.defaultOrgId ?? app.flows.organisations.keys().next().value ?? "",
    defaultLocale: config.defaultLocale,
    crisisPhrases: config.crisis.phrases,
    crisisHotline: config.crisis.hotline,
    inviteCodeTtlHours: config.inviteCodeTtlHours,
    meetingLinkHosts: config.meetings.linkHosts,
    closedCaseRelayDays: config.closedCaseRelayDays,
    dashboardLoginMinutes: config.dashboard.loginMinutes,
    dataProtectionContacts: config.dataProtection.contacts,
  };
}

/** The dialogs' dependencies on the app, reading the time from `clock` and logging to `log`. */
export function dialogDepsOf(app: App, p: { clock: () => Date; log: Logger }): DialogDeps {
  return {
    prisma: app.db.prisma,
    hashKey: app.keys.hashKey,
    flows: app.flows,
    flowContext: (id) => app.flowContext(id),
    capabilitiesOf,
    settings: dialogSettingsOf(app),
    clock: p.clock,
    log: p.log,
  };
}
