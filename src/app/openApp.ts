// Everything the service and the admin command line share: config, flows, database.
import { loadConfig, type Config } from "../config.ts";
import { loadFlowsFromDir, type LoadedFlows } from "../flows/loadFlows.ts";
import type { Flow, OrganisationDef } from "../flows/flowSchema.ts";
import { openDatabase, type Database } from "../store/database.ts";
import { dirname } from "node:path";
import { createDevelopmentKeyring, type PrivacyKeys } from "../privacy/index.ts";
import { syncOrganisations } from "../store/organisationRepository.ts";
import type { FlowContext } from "../store/caseRepository.ts";

export interface App {
  config: Config;
  /** The encryption keyring and the keyed-hash key (configured, or development keys next to the database). */
  keys: PrivacyKeys;
  flows: LoadedFlows;
  db: Database;
  /** The flow and its organisation, or an error naming what is missing. */
  flowContext(flowId: string): FlowContext;
  close(): Promise<void>;
}

/** Loads config and flows (refusing bad ones), opens and migrates the database, syncs organisations. */
export async function openApp(options: { env?: Record<string, string | undefined>; config?: Config } = {}): Promise<App> {
  const config = options.config ?? loadConfig(options.env);
  const flows = loadFlowsFromDir(config.flowsDir);
  const keys = config.privacy ?? createDevelopmentKeyring(config.database.kind === "sqlite" && config.database.file !== ":memory:" ? dirname(config.database.file) : "data");
  const db = await openDatabase(config.database, { keyring: keys.keyring });
  await syncOrganisations(db.prisma, flows.organisations.values());
  return {
    config,
    keys,
    flows,
    db,
    flowContext(flowId: string): FlowContext {
      const flow: Flow | undefined = flows.flows.get(flowId);
      if (!flow) throw new Error(`Unknown flow "${flowId}"; known: ${[...flows.flows.keys()].join(", ")}`);
      const organisation: OrganisationDef | undefined = flows.organisations.get(flow.organisation);
      if (!organisation) throw new Error(`Flow ${flowId} names unknown organisation ${flow.organisation}`);
      return { flow, organisation };
    },
    close: () => db.close(),
  };
}
