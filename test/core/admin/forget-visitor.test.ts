import { forgetVisitor } from '../../../src/core/admin/forget-visitor';
import { chatRow } from '../../../src/core/chats/chats';
import { encodePending, pendingKey } from '../../../src/core/chats/pending-chats';
import { parseChat } from '../../../src/core/chats/chat-payload';
import { CACHE_KEY } from '../../../src/core/state/store-keys';
import { MemoryBook, plainPlatform, sha256 } from '../../support/plain-ports';

const row = (id: string, email: string) => {
  const parsed = parseChat({ id, requested_by: email, created_at_seconds: 0 }, 0);
  if (!('chat' in parsed)) throw new Error(parsed.error);
  return chatRow(parsed.chat, false);
};

test("a visitor's rows, waiting chats and cached answer go; others stay; nothing without the lock", () => {
  const book = new MemoryBook({
    Chats: [['When'], row('c1', 'jane@x.co'), row('c2', 'ann@x.co'), row('c3', 'jane@x.co'), row('c4', 'jane@x.co')],
    'Lookup log': [['Time'], [new Date(0), "'c9", "'ann@x.co"], [new Date(0), "'c8", "'JANE@x.co"]],
  });
  const platform = plainPlatform();
  platform.properties.setAll({
    [pendingKey(sha256, 'c5')]: encodePending('c5', row('c5', 'jane@x.co')),
    [pendingKey(sha256, 'c6')]: encodePending('c6', row('c6', 'ann@x.co')),
    ACCESS_KEY: 'k',
  });
  platform.cache.putAll({ [CACHE_KEY.answer(sha256('jane@x.co'))]: 'cached' }, 60);
  platform.lock.available = false;
  expect(forgetVisitor(platform, book, sha256, 'jane@x.co')).toBeUndefined();
  expect(book.rows('Chats')).toHaveLength(4);
  platform.lock.available = true;
  expect(forgetVisitor(platform, book, sha256, ' Jane@X.co')).toEqual({ chats: 3, logRows: 1, waiting: 1 });
  expect(book.rows('Chats').map((r) => r[1])).toEqual(["'c2"]);
  expect(book.rows('Lookup log').map((r) => r[1])).toEqual(["'c9"]);
  expect(Object.keys(platform.properties.getAll()).sort()).toEqual(
    [pendingKey(sha256, 'c6'), 'ACCESS_KEY', 'CONTENT_GENERATION', 'EMAILS_GENERATION', 'STRUCTURE_GENERATION'].sort(),
  );
  expect(platform.cache.map.has(CACHE_KEY.answer(sha256('jane@x.co')))).toBe(false);
});
