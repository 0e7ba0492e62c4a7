// How far ahead free time may be searched in one free/busy question. Google Calendar's freeBusy.query refuses a
// range that is too long (400 timeRangeTooLong, "The requested time range is too long."); its reference does not
// state the bound, and 90 days is what Cal.com's maintainers found and split their queries at
// (calcom/cal.com#11696, #11962). The configuration keeps MEETING_SEARCH_DAYS well inside it, and the adapter
// refuses a longer question itself instead of sending it.

/** The longest range, in days, one freeBusy question may span. */
export const FREE_BUSY_MAX_DAYS = 90;

/**
 * The most MEETING_SEARCH_DAYS may be: the search asks free/busy for these days plus the buffer on either side
 * (and a daylight-saving hour), so a margin stays below FREE_BUSY_MAX_DAYS for an unpublished bound.
 */
export const MAX_MEETING_SEARCH_DAYS = 60;
