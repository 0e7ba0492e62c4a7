// Everything the service and the admin command line share: config, flows, database.
import { loadConfig, type Config } from "../config.ts";
import { loadFlowsFromDir, type LoadedFlows } from "../flows/loadFlows.ts";
import type { Flow, OrganisationDef } from "../flows/flowSchema.ts";
import { openDatabase, type Database } from "../store/database.ts";
import { chooseServiceKeys, type ServiceKeys } from "./serviceKeys.ts";
import { addressSealer } from "../store/chatAddresses.ts";
import { sealStoredAddresses, type SealReport } from "../store/sealStoredAddresses.ts";
import { syncOrganisations } from "../store/organisationRepository.ts";
import type { FlowContext } from "../store/caseRepository.ts";

export interface App {
  config: Config;
  /** The encryption keyring and the keyed-hash key (configured, or development keys where src/app/serviceKeys.ts allows them). */
  keys: ServiceKeys;
  flows: LoadedFlows;
  db: Database;
  /** What opening did to chat addresses an older release stored in clear (nothing, once every row is sealed). */
  addressesSealed: SealReport;
  /** The flow and its organisation, or an error naming what is missing. */
  flowContext(flowId: string): FlowContext;
  close(): Promise<void>;
}

/**
 * Loads config and flows (refusing bad ones), chooses the keys (refusing development keys where real data may
 * arrive: KeysRequiredError), opens and migrates the database, syncs organisations.
 */
export async function openApp(options: { env?: Record<string, string | undefined>; config?: Config } = {}): Promise<App> {
  const config = options.config ?? loadConfig(options.env);
  const flows = loadFlowsFromDir(config.flowsDir);
  const keys = chooseServiceKeys(config);
  const db = await openDatabase(config.database, { keyring: keys.keyring, hashKey: keys.hashKey });
  const addressesSealed = await sealStoredAddresses(db.raw, addressSealer(keys));
  await syncOrganisations(db.prisma, flows.organisations.values());
  return {
    config,
    keys,
    flows,
    db,
    addressesSealed,
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
