// Pane ids: a pane is one person's chat on the local page, and its id is that person's "local" address.
// Staff panes are "<org>-<role>" (one demo person per role); client panes are "<org>-klien-<n>".

/** What any pane id looks like (also what the page may send). */
export const PANE_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const CLIENT_PANE = /^([a-z0-9][a-z0-9_-]*)-klien-(\d{1,4})$/;

/** The pane of the demo staff person holding `role` in `orgId`. */
export function staffPaneId(orgId: string, role: string): string {
  return `${orgId}-${role}`;
}

/** The n-th client pane of an organisation. */
export function clientPaneId(orgId: string, n: number): string {
  return `${orgId}-klien-${n}`;
}

/** The organisation and number of a client pane, or null for any other id. */
export function parseClientPane(pane: string): { orgId: string; n: number } | null {
  const m = CLIENT_PANE.exec(pane);
  return m ? { orgId: m[1]!, n: Number(m[2]) } : null;
}
