// Kept so the dialogs' imports keep working while they are being reworked; the outbox's owner is
// src/store/outbox/ — import from there, and delete this file once nothing imports it.
export { queueMessage, queueToPerson, rewriteMessage, takeKeyboardOff, type QueuedMessage } from "./outbox/index.ts";
