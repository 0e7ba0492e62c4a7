// Conversation states as older releases stored them, for the tests of reading, migrating and recovering stored
// dialogs (dialogStateSchema, savedDialogs, dialogRecovery).

/** An intake as a release before walk-in registrations saved it: no version field (version 1), no mode. */
export const UNVERSIONED_INTAKE = {
  dialog: "intake",
  orgId: "ipdn",
  orgName: "Unit BK IPDN",
  kinds: ["praja"],
  locale: "id",
  stage: { at: "field", field: "npp" },
  kind: "praja",
  answers: { nama: "Ana" },
  keluhan: [],
};
