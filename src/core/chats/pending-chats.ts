/**
 * Chats the Chats tab could not take, kept in Script Properties until an execution can write them:
 * one property per case (so a resend replaces, never adds), each value at most 9 KB (the transcript
 * and other long texts cut to fit), all of them together at most PENDING_MAX_BYTES so that the
 * configuration and the access key always fit in the store's 500 KB.
 */
import { Sha256Hex } from '../request/auth';
import { CellValue } from '../ports';
import { PROPERTY, parseStoredObject, utf8Length } from '../state/store-keys';
import { capLength } from '../text';
import { CHAT_COLUMN } from './chats';

/** Script Properties refuse a value over 9 KB; a margin keeps the key's own bytes out of the way. */
export const PENDING_VALUE_MAX_BYTES = 9 * 1024 - 256;
/** All pending chats together, keys included: well under the store's 500 KB. */
export const PENDING_MAX_BYTES = 300 * 1024;

export interface PendingChat {
  caseId: string;
  /** The Chats tab's row as it would have been written. */
  row: CellValue[];
}

export function pendingKey(sha256: Sha256Hex, caseId: string): string {
  return `${PROPERTY.pendingChatPrefix}${sha256(caseId).slice(0, 32)}`;
}

export const isPendingKey = (key: string): boolean => key.startsWith(PROPERTY.pendingChatPrefix);

export function pendingCount(properties: Record<string, string>): number {
  return Object.keys(properties).filter(isPendingKey).length;
}

/** Bytes the pending chats take in the store, keys included, leaving out `except`. */
export function pendingBytes(properties: Record<string, string>, except = ''): number {
  return Object.entries(properties)
    .filter(([key]) => isPendingKey(key) && key !== except)
    .reduce((sum, [key, value]) => sum + utf8Length(key) + utf8Length(value), 0);
}

const encode = (caseId: string, row: CellValue[]) =>
  JSON.stringify({ caseId, row: row.map((value) => (value instanceof Date ? { date: value.getTime() } : value)) });

/**
 * The stored value of a pending chat, cut to fit one property: the longest text (the transcript,
 * usually) is halved until the whole fits. The case ID and the time are never cut.
 */
export function encodePending(caseId: string, row: CellValue[]): string {
  const cells = [...row];
  let json = encode(caseId, cells);
  while (utf8Length(json) > PENDING_VALUE_MAX_BYTES) {
    let longest = -1;
    cells.forEach((value, i) => {
      const length = typeof value === 'string' ? value.length : 0;
      if (i !== CHAT_COLUMN.caseId && length > 1 && (longest < 0 || length > (cells[longest] as string).length))
        longest = i;
    });
    if (longest < 0) break;
    const text = cells[longest] as string;
    cells[longest] = capLength(text, Math.floor(text.length / 2), '…');
    json = encode(caseId, cells);
  }
  return json;
}

/** A pending chat read back; undefined for a value that is not one (another build's, or corrupt). */
export function decodePending(json: string | undefined): PendingChat | undefined {
  const stored = parseStoredObject(json);
  if (!stored || typeof stored.caseId !== 'string' || !Array.isArray(stored.row)) return;
  const row: CellValue[] = [];
  for (const value of stored.row as unknown[]) {
    if (typeof value === 'string' || typeof value === 'number') row.push(value);
    else if (typeof (value as { date?: unknown })?.date === 'number')
      row.push(new Date((value as { date: number }).date));
    else return;
  }
  return { caseId: stored.caseId, row };
}
