// The Nota Dinas number, derived rather than counted, so regenerating a memo never gives it a new number.
import { romanMonthAndYear } from "../documentDates.ts";

/** What the number is derived from. */
export interface NotaDinasNumberInput {
  caseNo: number;
  /** The memo's date; its month (roman) and year in timeZone go into the number. */
  date: Date;
  timeZone: string;
  /** The unit's code; "BK" when absent. */
  unitCode?: string;
  /** The memo's place among the case's memos; 1 or absent gives no suffix. */
  sequence?: number;
}

/** "ND-12/BK/XI/2026" (case 12, November 2026); the second memo of the case is "ND-12-2/BK/XI/2026". */
export function notaDinasNumber(p: NotaDinasNumberInput): string {
  const { month, year } = romanMonthAndYear(p.date, p.timeZone);
  const suffix = p.sequence !== undefined && p.sequence > 1 ? `-${p.sequence}` : "";
  return `ND-${p.caseNo}${suffix}/${p.unitCode ?? "BK"}/${month}/${year}`;
}
