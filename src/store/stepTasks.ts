// Kept so the step buttons' import keeps working while the dialogs are being reworked: the task copies belong
// to the outbox (src/store/outbox/stepTaskCopies.ts), the outcome labels to the step messages
// (src/store/cases/stepMessages.ts). Delete this file once nothing imports it.
export { outcomeLabel } from "./cases/stepMessages.ts";
export { closeStepTasks } from "./outbox/index.ts";
