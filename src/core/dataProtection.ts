// UU 27/2022 in numbers and names: a withdrawal of consent (an erasure request) is acted on within 3×24 hours and
// escalated before that; the consent text and the copy of a client's data name the unit's data protection contact.
// Pure: the settings come from src/config.ts.

/** A withdrawal of consent must be acted on within this many hours. */
export const ERASURE_DUE_HOURS = 72;

/** When an erasure requested at `requestedAt` is due. */
export function erasureDueAt(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + ERASURE_DUE_HOURS * 3600_000);
}

/** When an erasure still unconfirmed is escalated: `escalateAfterHours` after the request (always before it is due). */
export function erasureEscalatesAt(requestedAt: Date, escalateAfterHours: number): Date {
  return new Date(requestedAt.getTime() + Math.min(escalateAfterHours, ERASURE_DUE_HOURS - 1) * 3600_000);
}

/** The data protection contact of an organisation (its own, else the one for all), or undefined when none is set. */
export function dataProtectionContact(contacts: Record<string, string>, orgId: string | null | undefined): string | undefined {
  return (orgId ? contacts[orgId] : undefined) ?? contacts[""];
}

/** The roles asked to confirm an organisation's erasure requests: its crisis roles (the Kepala Unit), else kepala_unit. */
export function erasureConfirmerRoles(organisation: { crisisRoles: readonly string[] } | undefined): string[] {
  return organisation?.crisisRoles.length ? [...organisation.crisisRoles] : ["kepala_unit"];
}
