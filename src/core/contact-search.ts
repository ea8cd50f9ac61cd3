/**
 * Finding a visitor's rows: a literal server-side search narrows the sheet to candidate rows, then
 * each candidate's email cells are compared exactly (trimmed, lower-cased) so that a partial hit
 * such as axb@example.com for a.b@example.com, or a longer address containing the one asked for,
 * never counts.
 */
import { normalizeEmail } from './email';
import { Layout } from './layout';
import { Logger } from './ports';

export interface ContactSource {
  /** 1-based sheet rows below the header whose email cells contain `email`, any case, ascending. */
  findCandidateRows(layout: Layout, email: string): number[];
  /** Display values of whole rows, as wide as the header row, in the order asked. */
  readRows(layout: Layout, rows: number[]): string[][];
}

/** Bounds the work one lookup may do when a search hits a great many cells. */
export const MAX_CANDIDATE_ROWS = 200;

export function rowMatches(cells: string[], emailColumns: number[], email: string): boolean {
  return emailColumns.some((index) => normalizeEmail(cells[index] ?? '') === email);
}

/** The matching rows' display values, in sheet order. */
export function findContacts(source: ContactSource, layout: Layout, email: string, log: Logger): string[][] {
  let candidates = source.findCandidateRows(layout, email);
  if (candidates.length > MAX_CANDIDATE_ROWS) {
    log.warn(`A lookup found ${candidates.length} candidate rows; only the first ${MAX_CANDIDATE_ROWS} were checked.`);
    candidates = candidates.slice(0, MAX_CANDIDATE_ROWS);
  }
  if (candidates.length === 0) return [];
  return source.readRows(layout, candidates).filter((cells) => rowMatches(cells, layout.emailColumns, email));
}
