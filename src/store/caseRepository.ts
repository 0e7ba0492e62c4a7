// The case store's public face, kept at this path for its callers: opening cases and applying engine events
// (src/store/cases/caseSnapshots.ts), which write their effects (cases/caseEffects.ts), the step messages
// (cases/stepMessages.ts) and document requests (cases/stepDocuments.ts) in the same transaction.
import type { FlowContext } from "../flows/flowSchema.ts";

export type { FlowContext };
export {
  applyCaseEvent,
  applyCaseEventInTx,
  ConcurrentChangeError,
  openCase,
  openCaseInTx,
  type ApplyResult,
  type OpenCaseInput,
} from "./cases/caseSnapshots.ts";
export type { ApplyOptions } from "./cases/caseEffects.ts";
export { withdrawUnsentTasks } from "./outbox/index.ts";
