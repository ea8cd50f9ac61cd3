/**
 * The optional Lookup log tab: what one lookup's row holds, and which old rows retention removes.
 */
import { LookupRecord } from './web-app';

export const LOOKUP_LOG_TAB = 'Lookup log';
export const LOOKUP_LOG_HEADERS = ['Time', 'Case ID', 'Email', 'Visitor IP', 'Page URL', 'Matches'];

/** Text that Sheets would otherwise read as a formula (=, +, -, @) is stored as text. */
export function inertCell(text: string): string {
  return /^[=+\-@]/.test(text) ? `'${text}` : text;
}

export function logRow(record: LookupRecord): (string | number | Date)[] {
  return [
    record.time,
    inertCell(record.caseId),
    inertCell(record.email),
    inertCell(record.ip),
    inertCell(record.url),
    record.matches,
  ];
}

/** How many rows at the top (below the header) are older than the cutoff; rows are in time order. */
export function expiredRowCount(times: unknown[], cutoff: number): number {
  let count = 0;
  while (count < times.length) {
    const time = times[count];
    // Not instanceof: a Date from the Sheets service need not share this script's Date constructor.
    if (Object.prototype.toString.call(time) !== '[object Date]' || (time as Date).getTime() >= cutoff) break;
    count++;
  }
  return count;
}
