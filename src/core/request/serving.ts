/**
 * What every request handler needs: its dependencies, the shape of an answer, and the access check
 * that comes before anything is read for the caller.
 */
import { checkAccessKey, Sha256Hex } from './auth';
import { Config } from '../state/config';
import { StoreDeps } from '../state/config-store';
import { RowSource } from '../lookup/contact-search';
import { AGENT, LOG } from '../messages';
import { AppTabs } from '../ports';

export interface WebAppDeps {
  store: StoreDeps;
  sha256: Sha256Hex;
  build: string;
  /** The spreadsheet's rows, for lookups; `sheetsApiResting`: read with SpreadsheetApp only (sheets-api-rest.ts). */
  rows(config: Config, sheetsApiResting: boolean): RowSource;
  /** The tabs the app writes (Lookup log, Chats) of the spreadsheet the configuration names. */
  appTabs(config: Pick<Config, 'spreadsheetId'>): AppTabs;
  /** The day ("2026-11-30") of a time in a time zone; in UTC when none is known. */
  dayOf(ms: number, timeZone: string | undefined): string;
}

export interface Answer {
  text: string;
  /** With `explain`: what the answer left out (Test a lookup shows it below the answer). */
  leftOut?: string[];
}

/** The refusal for a missing or wrong key (or no key yet), or undefined when the key is right. */
export function refusal(key: string | undefined, config: Config, deps: WebAppDeps): string | undefined {
  const access = checkAccessKey(key, config.keyDigest, deps.sha256);
  if (access === 'ok') return;
  deps.store.log.info(access === 'refused' ? LOG.refused : LOG.notSetUp);
  return access === 'refused' ? AGENT.refused : AGENT.setupNeeded;
}
