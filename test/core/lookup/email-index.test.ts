import {
  buildIndex,
  emailHash,
  indexedRows,
  indexKeys,
  rowsHolding,
  SHARD_COUNTS,
  usableHead,
} from '../../../src/core/lookup/email-index';
import { Layout } from '../../../src/core/state/layout';
import { CACHE_KEY } from '../../../src/core/state/store-keys';

const layout: Layout = {
  tab: 'Contacts',
  headers: ['Name', 'Email', 'Alt'],
  emailColumns: [1, 2],
  visibleColumns: [0, 1, 2],
};
const head = { id: 'build1', emails: 'emails-gen', builtAt: 1_000, tab: 'Contacts', emailColumns: [1, 2] };

/** What a lookup's one cache read returns: the index's entries among the keys it asks for. */
function cachedFor(entries: Record<string, string>, email: string): Record<string, string> {
  return Object.fromEntries(indexKeys(email).flatMap((key) => (key in entries ? [[key, entries[key]]] : [])));
}

function rowsFor(columns: string[][], email: string): number[] | undefined {
  const built = buildIndex(columns, head);
  if (!built) throw new Error('not built');
  return indexedRows(built.head, cachedFor(built.entries, email), email);
}

describe('the email index', () => {
  const main = ['a.b@example.com', '  A.B@Example.com\u00a0', 'axb@example.com', '', 'not an email', 'c@example.com'];
  const alt = ['', '', '', 'a.b@example.com', '', 'c@example.com'];

  test('each email maps to every row (from 2) holding it in any email column, once, ascending', () => {
    expect(rowsFor([main, alt], 'a.b@example.com')).toEqual([2, 3, 5]);
    expect(rowsFor([main, alt], 'c@example.com')).toEqual([7]);
    expect(rowsFor([main, alt], 'axb@example.com')).toEqual([4]);
    expect(rowsFor([main, alt], 'nobody@example.com')).toEqual([]);
    expect(rowsHolding([main, alt], 'a.b@example.com')).toEqual([2, 3, 5]);
  });

  test('100,000 contacts: 16 shards, each under CacheService 100 KB value limit, every email found', () => {
    const emails = Array.from({ length: 100_000 }, (_, i) => `person${i}@example.com`);
    const built = buildIndex([emails], { ...head, emailColumns: [1] });
    expect(built?.head.shards).toBe(16);
    for (const value of Object.values(built?.entries ?? {})) expect(Buffer.byteLength(value)).toBeLessThan(100 * 1024);
    for (const i of [0, 1, 54_321, 99_999]) {
      const email = `person${i}@example.com`;
      expect(indexedRows(built!.head, cachedFor(built!.entries, email), email)).toEqual([i + 2]);
    }
  });

  test('too large for the largest shard count: not built, so lookups read the columns instead', () => {
    // Only hashes and rows are kept, about 13 bytes a contact: 64 shards hold some 400,000.
    const emails = Array.from({ length: 500_000 }, (_, i) => `p${i}@x.example`);
    expect(buildIndex([emails], head)).toBeUndefined();
    expect(SHARD_COUNTS[SHARD_COUNTS.length - 1]).toBe(64);
  });

  test('an evicted shard, or one of another build: no answer, never "not found"', () => {
    const built = buildIndex([main, alt], head)!;
    const cached = cachedFor(built.entries, 'a.b@example.com');
    const shardKey = Object.keys(cached).find((key) => key !== CACHE_KEY.indexHead)!;
    expect(
      indexedRows(built.head, { ...cached, [shardKey]: undefined as unknown as string }, 'a.b@example.com'),
    ).toBeUndefined();
    const foreign = { ...cached, [shardKey]: cached[shardKey].replace('build1|', 'build2|') };
    expect(indexedRows(built.head, foreign, 'a.b@example.com')).toBeUndefined();
  });

  test('the head is used only under the same emails generation and columns, and younger than its maximum age', () => {
    const json = buildIndex([main, alt], head)!.entries[CACHE_KEY.indexHead];
    expect(usableHead(json, 'emails-gen', layout, 1_000 + 59_000, 60_000)?.shards).toBe(1);
    expect(usableHead(json, 'emails-gen', layout, 1_000 + 60_000, 60_000)).toBeUndefined();
    expect(usableHead(json, 'other-gen', layout, 2_000, 60_000)).toBeUndefined();
    expect(usableHead(json, undefined, layout, 2_000, 60_000)).toBeUndefined();
    expect(usableHead(json, 'emails-gen', { ...layout, emailColumns: [1] }, 2_000, 60_000)).toBeUndefined();
    expect(usableHead(json, 'emails-gen', { ...layout, tab: 'People' }, 2_000, 60_000)).toBeUndefined();
    for (const bad of ['garbage', '', 'null', '{"id":1}', json.replace('"shards":1', '"shards":3')])
      expect(usableHead(bad, 'emails-gen', layout, 2_000, 60_000)).toBeUndefined();
  });

  test('the hash is FNV-1a, 32 bits unsigned', () => {
    expect(emailHash('')).toBe(0x811c9dc5);
    expect(emailHash('a')).toBe(0xe40c292c);
    expect(emailHash('foobar')).toBe(0xbf9cf968);
  });
});
