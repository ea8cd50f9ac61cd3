/**
 * The email index: which contact rows hold each email, built from one read of the email column(s)
 * and kept in CacheService, so a cold lookup reads only the rows it needs instead of asking Sheets
 * to scan every cell (a TextFinder search scans about 5 µs per cell on Google: a second at 100,000
 * rows).
 *
 * It is a cache of the sheet with the validity of cached answers: built under the emails generation
 * (freshness.ts; a structure change or an edit in an email column starts a new one), for the
 * contacts tab and email columns of the configuration in use, and trusted for Cache minutes at most.
 * So an email it does not hold is "not found" within the same bounds as a cached answer, and every
 * row it names is read and checked again before it is used (a row moved by a change no trigger
 * reported reads as a mismatch, and the lookup builds the index afresh).
 *
 * Stored as a head (which build, when, for which columns, how many shards) and shards: each email
 * is reduced to a 32-bit hash (FNV-1a), and a shard holds "hash:rows" for the hashes that fall in
 * it, in base 36. A shard stays under CacheService's 100 KB value limit; 100,000 contacts take 16.
 * A lookup reads the head and its one shard in the same cache call as its answer, since the shard's
 * key follows from the email's hash and the shard count, and the few possible counts are all asked for.
 */
import { cleanEmail } from '../request/cleaning';
import { Layout } from '../state/layout';
import { CACHE_KEY, CACHE_VALUE_LIMIT_BYTES, parseStoredObject, utf8Length } from '../state/store-keys';

export interface IndexHead {
  /** Names this build; each shard starts with it, so shards of two builds are never mixed. */
  id: string;
  /** The emails generation it was built under. */
  emails: string;
  builtAt: number;
  tab: string;
  emailColumns: number[];
  shards: number;
}

/** The shard counts an index may have; beyond the last, the index is not kept and lookups read the columns. */
export const SHARD_COUNTS = [1, 2, 4, 8, 16, 32, 64];
/** Room left in each shard for an uneven spread of hashes. */
const SHARD_TARGET_BYTES = 88 * 1024;

/** FNV-1a over UTF-16 code units: 32 bits, unsigned. Collisions only cost a fresh build. */
export function emailHash(email: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < email.length; i++) {
    hash ^= email.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

const shardKey = (count: number, hash: number) => CACHE_KEY.indexShard(count, hash % count);

/** The cache keys a lookup of this (normalised) email reads: the head and the email's shard at every possible count. */
export function indexKeys(email: string): string[] {
  const hash = emailHash(email);
  return [CACHE_KEY.indexHead, ...SHARD_COUNTS.map((count) => shardKey(count, hash))];
}

/** The contact rows (1-based) each column's display values name, by normalised email. */
function rowsByEmail(columns: string[][]): Map<string, number[]> {
  const rows = new Map<string, number[]>();
  for (const values of columns) {
    values.forEach((cell, i) => {
      const email = cleanEmail(cell);
      // Only a cell with an @ can equal a valid request's email.
      if (!email.includes('@')) return;
      const list = rows.get(email);
      const row = i + 2;
      if (!list) rows.set(email, [row]);
      else if (!list.includes(row)) list.push(row);
    });
  }
  return rows;
}

/** The rows of `columns` (display values from row 2 down) holding exactly this normalised email, ascending. */
export function rowsHolding(columns: string[][], email: string): number[] {
  const rows = new Set<number>();
  for (const values of columns) values.forEach((cell, i) => cleanEmail(cell) === email && rows.add(i + 2));
  return [...rows].sort((a, b) => a - b);
}

export interface BuiltIndex {
  head: IndexHead;
  /** Every cache entry of the index, head included. */
  entries: Record<string, string>;
}

/**
 * The index of the email columns just read (display values from row 2 down, one array per column),
 * or undefined when it would need more shards than SHARD_COUNTS allows.
 */
export function buildIndex(columns: string[][], head: Omit<IndexHead, 'shards'>): BuiltIndex | undefined {
  const byHash = new Map<number, number[]>();
  for (const [email, rows] of rowsByEmail(columns)) {
    const hash = emailHash(email);
    const shared = byHash.get(hash);
    // Rows come in sheet order from one column; several columns or a shared hash need sorting.
    const merged = shared ? [...new Set([...shared, ...rows])] : rows;
    byHash.set(hash, shared || columns.length > 1 ? merged.sort((a, b) => a - b) : merged);
  }
  const items = [...byHash].map(([hash, rows]) => ({
    hash,
    text: `${hash.toString(36)}:${rows.map((row) => row.toString(36)).join('.')}`,
  }));
  const total = items.reduce((bytes, item) => bytes + item.text.length + 1, 0);
  for (const count of SHARD_COUNTS) {
    if (total / count > SHARD_TARGET_BYTES) continue;
    const shards: string[][] = Array.from({ length: count }, () => []);
    for (const item of items) shards[item.hash % count].push(item.text);
    const values = shards.map((texts) => `${head.id}|,${texts.join(',')},`);
    if (values.some((value) => utf8Length(value) > CACHE_VALUE_LIMIT_BYTES)) continue;
    const full: IndexHead = { ...head, shards: count };
    const entries: Record<string, string> = { [CACHE_KEY.indexHead]: JSON.stringify(full) };
    values.forEach((value, n) => (entries[CACHE_KEY.indexShard(count, n)] = value));
    return { head: full, entries };
  }
  return undefined;
}

/**
 * The head read from the cache, if it is whole and valid for this lookup: the same emails
 * generation, the same contacts tab and email columns, and younger than `maxAgeMs`.
 */
export function usableHead(
  json: string | undefined,
  emails: string | undefined,
  layout: Layout,
  now: number,
  maxAgeMs: number,
): IndexHead | undefined {
  const head = parseStoredObject(json);
  if (!head || !emails || head.emails !== emails || typeof head.id !== 'string') return;
  const columns = head.emailColumns;
  const same =
    head.tab === layout.tab &&
    Array.isArray(columns) &&
    columns.length === layout.emailColumns.length &&
    columns.every((column, i) => column === layout.emailColumns[i]);
  const age = now - Number(head.builtAt);
  const fresh = age < maxAgeMs && age >= -60_000;
  return same && fresh && SHARD_COUNTS.includes(head.shards as number) ? (head as unknown as IndexHead) : undefined;
}

/**
 * The rows the index holds for this normalised email (none: not in the sheet), or undefined when
 * the email's shard is missing (evicted) or belongs to another build.
 */
export function indexedRows(head: IndexHead, cached: Record<string, string>, email: string): number[] | undefined {
  const hash = emailHash(email);
  const shard = cached[shardKey(head.shards, hash)];
  if (shard === undefined || !shard.startsWith(`${head.id}|,`)) return;
  const marker = `,${hash.toString(36)}:`;
  const at = shard.indexOf(marker);
  if (at < 0) return [];
  const end = shard.indexOf(',', at + marker.length);
  const rows = shard.slice(at + marker.length, end < 0 ? undefined : end).split('.');
  return rows.map((row) => parseInt(row, 36)).filter((row) => Number.isInteger(row) && row >= 2);
}
