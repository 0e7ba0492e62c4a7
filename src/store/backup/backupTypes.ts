// What the SQLite and PostgreSQL backup and restore share: their results and the refusals a person can act on.

/** One line of progress for the person running the command. */
export type ProgressSink = (line: string) => void;

/** A backup written. */
export interface BackupResult {
  /** The backup file, absolute. */
  file: string;
  bytes: number;
  /** What it holds, in words ("10 migrations, 12 cases" or "24 tables"). */
  details: string;
}

/** A backup put in place of the database. */
export interface RestoreResult {
  bytes: number;
  details: string;
  /** Where the database that was replaced was kept (SQLite), if there was one. */
  keptAs?: string;
}

/** A backup or restore that was not done, with what to do instead; the command line prints it as it is. */
export class BackupRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupRefusedError";
  }
}
