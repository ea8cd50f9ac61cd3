/**
 * Contact lookup > Forget a visitor…: a request to erase a visitor's personal data answered in one
 * step. Removes their rows from the Chats and Lookup log tabs, the chats of theirs waiting in Script
 * Properties and the cached answer for their email, under the script lock so no chat or log row of
 * theirs is being written meanwhile. The contacts tab is staff's own and is not touched.
 */
import { Sha256Hex } from '../request/auth';
import { cleanEmail } from '../request/cleaning';
import { CHAT_COLUMN, CHATS } from '../chats/chats';
import { decodePending, isPendingKey } from '../chats/pending-chats';
import { LOOKUP_LOG, LOOKUP_LOG_EMAIL_COLUMN } from '../lookup/lookup-log';
import { AppTabs, AppTabSpec, Platform } from '../ports';
import { publishChange } from '../state/freshness';
import { CACHE_KEY } from '../state/store-keys';
import { deleteMatchingRows } from '../tabs/app-tab-log';

export interface Forgotten {
  chats: number;
  logRows: number;
  /** Chats of theirs that were waiting in Script Properties. */
  waiting: number;
}

/** The column (0-based) holding the visitor's email in each tab the app writes. */
const EMAIL_COLUMN: [AppTabSpec, number][] = [
  [CHATS, CHAT_COLUMN.email],
  [LOOKUP_LOG, LOOKUP_LOG_EMAIL_COLUMN],
];

/** Undefined when the script lock stayed busy: then nothing was changed. */
export function forgetVisitor(
  platform: Platform,
  tabs: AppTabs,
  sha256: Sha256Hex,
  email: string,
): Forgotten | undefined {
  const wanted = cleanEmail(email);
  const isVisitor = (value: unknown) => cleanEmail(String(value ?? '').replace(/^'/, '')) === wanted;
  return platform.lock.withLock((locked) => {
    if (!locked) return undefined;
    const [chats, logRows] = EMAIL_COLUMN.map(([spec, column]) =>
      tabs.prepare(spec, false) === undefined
        ? 0
        : deleteMatchingRows(tabs, spec.name, column, tabs.rowsWith(spec.name, [column], wanted), isVisitor),
    );
    const properties = platform.properties.getAll();
    const theirs = Object.keys(properties).filter(
      (key) => isPendingKey(key) && isVisitor(decodePending(properties[key])?.row[CHAT_COLUMN.email]),
    );
    for (const key of theirs) platform.properties.remove(key);
    platform.cache.removeAll([CACHE_KEY.answer(sha256(wanted))]);
    // Every deployment's cached answers go, whatever build wrote them.
    publishChange(platform, 'content');
    return { chats, logRows, waiting: theirs.length };
  });
}
