import { parseChat } from '../../../src/core/chats/chat-payload';
import { chatRow, CHATS, recordChat } from '../../../src/core/chats/chats';
import { generationsIn } from '../../../src/core/state/freshness';
import { CACHE_KEY } from '../../../src/core/state/store-keys';
import { defaultSettings } from '../../../src/core/state/settings';
import { MemoryBook, plainPlatform, sha256 } from '../../support/plain-ports';

const DAY = 86_400_000;
const chat = (id: string, day = 0, extra: Record<string, unknown> = {}) => {
  const parsed = parseChat({ id, requested_by: 'a@b.co', created_at_seconds: (day * DAY) / 1000, ...extra }, 0);
  if (!('chat' in parsed)) throw new Error(parsed.error);
  return parsed.chat;
};
const settings = { ...defaultSettings(), chatHistory: true };

describe('chatRow', () => {
  test('text as text (never a formula or a number), numbers as numbers, the time as a date', () => {
    const row = chatRow(
      chat('=1+1', 1, { description: '+1 555', chat_waittime: 5, transcripts: [{ alias: 'A', message: 'x' }] }),
      true,
    );
    expect(row[0]).toEqual(new Date(DAY));
    expect(row.slice(1, 3)).toEqual(["'=1+1", "'a@b.co"]);
    expect(row[6]).toBe(5);
    expect(row[9]).toBe("'+1 555");
    expect(row[12]).toBe("'A: x");
    expect(row).toHaveLength(CHATS.headers.length);
  });

  test('transcripts only when asked; every cell within the 50,000 characters a Sheets cell holds', () => {
    const long = chat('c', 0, {
      transcripts: Array.from({ length: 3000 }, () => ({ alias: 'A', message: 'y'.repeat(30) })),
    });
    expect(chatRow(long, false)[12]).toBe('');
    const cell = String(chatRow(long, true)[12]);
    expect(cell.length).toBe(50_001); // the apostrophe that keeps it text, and 50,000 characters
    expect(cell.endsWith('…')).toBe(true);
  });
});

describe('recordChat', () => {
  test('once per case: a resent chat adds no row', () => {
    const platform = plainPlatform();
    const book = new MemoryBook();
    expect(recordChat(platform, book, chat('c1'), settings, sha256)).toBe('recorded');
    expect(recordChat(platform, book, chat('c1'), settings, sha256)).toBe('alreadyRecorded');
    expect(recordChat(platform, book, chat('c2'), settings, sha256)).toBe('recorded');
    expect(book.rows('Chats').map((r) => r[1])).toEqual(["'c1", "'c2"]);
  });

  test('busy lock: nothing written, and said so', () => {
    const platform = plainPlatform();
    platform.lock.available = false;
    const book = new MemoryBook();
    expect(recordChat(platform, book, chat('c1'), settings, sha256)).toBe('busy');
    expect(book.rows('Chats')).toEqual([]);
  });

  test('the first chat changes the structure (there is history to search now); later ones only their visitor’s answer', () => {
    const platform = plainPlatform();
    const book = new MemoryBook();
    recordChat(platform, book, chat('c1'), settings, sha256);
    const first = generationsIn(platform.properties.getAll());
    const calls = platform.properties.reads + platform.properties.writes;
    recordChat(platform, book, chat('c2'), settings, sha256);
    expect(platform.properties.reads + platform.properties.writes).toBe(calls);
    expect(generationsIn(platform.properties.getAll())).toEqual(first);
    expect(platform.cache.map.get(CACHE_KEY.chatToken(sha256('a@b.co')))).toBeDefined();
  });

  test('when the cache cannot take the token, the chat changes the content generation instead', () => {
    const platform = plainPlatform();
    const book = new MemoryBook();
    recordChat(platform, book, chat('c1'), settings, sha256);
    const first = generationsIn(platform.properties.getAll());
    platform.cache.putAll = () => {
      throw new Error('Service invoked too many times: cache');
    };
    recordChat(platform, book, chat('c2'), settings, sha256);
    const second = generationsIn(platform.properties.getAll());
    expect(second?.structure).toBe(first?.structure);
    expect(second?.content).not.toBe(first?.content);
  });

  test('a chat without an email outdates nothing', () => {
    const platform = plainPlatform();
    const book = new MemoryBook();
    recordChat(platform, book, chat('c1'), settings, sha256);
    const before = [...platform.cache.map.keys()];
    const calls = platform.properties.reads + platform.properties.writes;
    recordChat(platform, book, chat('c2', 0, { requested_by: '' }), settings, sha256);
    expect([...platform.cache.map.keys()]).toEqual(before);
    expect(platform.properties.reads + platform.properties.writes).toBe(calls);
  });

  test('rows older than Chat retention days go', () => {
    const platform = plainPlatform(120 * DAY);
    const book = new MemoryBook();
    for (let day = 0; day < 99; day++)
      recordChat(platform, book, chat(`c${day}`, day), { ...settings, chatRetentionDays: 30 }, sha256);
    const days = book.rows('Chats').map((r) => (r[0] as Date).getTime() / DAY);
    expect(days[0]).toBe(90);
  });

  test('pruning changes the content generation: other visitors’ counts changed', () => {
    const platform = plainPlatform(120 * DAY);
    const book = new MemoryBook();
    const contentAfter = (day: number) => {
      recordChat(platform, book, chat(`c${day}`, day), { ...settings, chatRetentionDays: 30 }, sha256);
      return generationsIn(platform.properties.getAll())?.content;
    };
    for (let day = 0; day < 97; day++) contentAfter(day);
    const before = contentAfter(97);
    expect(contentAfter(98)).not.toBe(before);
  });
});
