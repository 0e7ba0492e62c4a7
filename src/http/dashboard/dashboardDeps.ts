// What every dashboard route needs from the running service, passed in once by mountDashboard.
import type { App } from "../../app/openApp.ts";
import type { Logger } from "../../logger.ts";

/** The service's app, its clock (injectable: sessions and overdue steps follow it) and a logger. */
export interface DashboardDeps {
  app: App;
  clock: () => Date;
  log: Logger;
}
