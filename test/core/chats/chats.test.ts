import { parseChat } from '../../../src/core/chats/chat-payload';
import { chatRow, CHATS } from '../../../src/core/chats/chats';
import { chatHistory } from '../../../src/core/chats/history';
import { recordChat, writePendingChats } from '../../../src/core/chats/chat-recording';
import { encodePending, isPendingKey, pendingBytes } from '../../../src/core/chats/pending-chats';
import { generationsIn } from '../../../src/core/state/freshness';
import { CACHE_KEY } from '../../../src/core/state/store-keys';
import { defaultSettings } from '../../../src/core/state/settings';
import { MemoryBook, plainPlatform, sha256 } from '../../support/plain-ports';

const DAY = 86_400_000;
const chat = (id: string, day = 0, extra: Record<string, unknown> = {}) => {
  const parsed = parseChat(
    { id, requested_by: 'a@b.co', created_at_seconds: (day * DAY) / 1000, ...extra },
    10_000 * DAY,
  );
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
    expect(cell.length).toBe(50_000); // the apostrophe that keeps it text counts: Sheets refuses 50,001
    expect(cell.endsWith('…')).toBe(true);
  });
});

const NOTICES = { untidy: false, pruneDue: false };
const deps = (book = new MemoryBook(), platform = plainPlatform()) => ({ platform, tabs: book, sha256 });

describe('recordChat', () => {
  test('once per case: a resent chat adds no row', () => {
    const d = deps();
    expect(recordChat(d, chat('c1'), settings, NOTICES)).toBe('recorded');
    expect(recordChat(d, chat('c1'), settings, NOTICES)).toBe('alreadyRecorded');
    expect(recordChat(d, chat('c2'), settings, NOTICES)).toBe('recorded');
    expect(d.tabs.rows('Chats').map((r) => r[1])).toEqual(["'c1", "'c2"]);
    // Only the first chat (a new tab) publishes a change in Script Properties; later ones touch the cache alone.
    expect(d.platform.properties.writes).toBe(1);
  });

  test('busy lock: appended without it when the tab has its header row, and a tidy-up is asked for', () => {
    const d = deps();
    recordChat(d, chat('c1'), settings, NOTICES);
    d.platform.lock.available = false;
    expect(recordChat(d, chat('c2'), settings, NOTICES)).toBe('recorded');
    expect(recordChat(d, chat('c2'), settings, NOTICES)).toBe('alreadyRecorded');
    expect(d.tabs.rows('Chats').map((r) => r[1])).toEqual(["'c1", "'c2"]);
    expect(d.platform.properties.map.get('CHATS_UNTIDY')).toBe('1');
    expect(d.platform.cache.map.get('chats-untidy')).toBe('1');
  });

  test('busy lock and no Chats tab yet: kept in Script Properties, never a tab made without the lock', () => {
    const d = deps();
    d.platform.lock.available = false;
    expect(recordChat(d, chat('c1'), settings, NOTICES)).toBe('kept');
    expect(d.tabs.tabs.has('Chats')).toBe(false);
    expect([...d.platform.properties.map.keys()].filter(isPendingKey)).toHaveLength(1);
  });

  test('a duplicate left by two unlocked appends is removed by the next locked write', () => {
    const d = deps();
    recordChat(d, chat('c1'), settings, NOTICES);
    d.tabs.appendRow('Chats', chatRow(chat('c1'), false));
    d.tabs.appendRow('Chats', chatRow(chat('c0'), false));
    const rows = d.tabs
      .rows('Chats')
      .slice(1)
      .map((r) => r.map(String));
    // Lookups count the copy once: it is among the last arrivals they read.
    expect(chatHistory(rows.length, rows, () => true)?.count).toBe(2);
    expect(recordChat(d, chat('c2'), settings, { untidy: true, pruneDue: false })).toBe('recorded');
    expect(d.tabs.rows('Chats').map((r) => r[1])).toEqual(["'c1", "'c0", "'c2"]);
  });

  test('the sheet write throws: kept in Script Properties, cut to fit 9 KB, and written by the next execution', () => {
    const d = deps();
    recordChat(d, chat('c0'), settings, NOTICES);
    const failing = d.tabs.appendRow.bind(d.tabs);
    d.tabs.appendRow = () => {
      throw new Error('Service Spreadsheets failed');
    };
    const long = chat('c1', 0, {
      transcripts: Array.from({ length: 2000 }, () => ({ alias: 'A', message: 'z'.repeat(20) })),
    });
    expect(recordChat(d, long, { ...settings, chatTranscripts: true }, NOTICES)).toBe('kept');
    const [key] = [...d.platform.properties.map.keys()].filter(isPendingKey);
    expect(Buffer.byteLength(d.platform.properties.map.get(key) ?? '')).toBeLessThanOrEqual(9 * 1024);
    d.tabs.appendRow = failing;
    expect(writePendingChats(d.platform, () => d.tabs, d.platform.properties.getAll())).toBe(1);
    expect(d.tabs.rows('Chats').map((r) => r[1])).toEqual(["'c0", "'c1"]);
    expect(String(d.tabs.rows('Chats')[1][12])).toMatch(/^'A: z+/);
    expect([...d.platform.properties.map.keys()].filter(isPendingKey)).toEqual([]);
    // Written already (a flush that failed after the row went in, say): not written twice.
    d.platform.properties.setAll({ [key]: encodePending('c1', chatRow(long, false)) });
    expect(writePendingChats(d.platform, () => d.tabs, d.platform.properties.getAll())).toBe(0);
    expect(d.tabs.rows('Chats')).toHaveLength(2);
  });

  test('the sheet and Script Properties both fail: the case ID alone is logged, and the answer says so', () => {
    const d = deps();
    d.tabs.appendRow = () => {
      throw new Error('Service Spreadsheets failed');
    };
    d.platform.properties.setAll = () => {
      throw new Error('Service Properties failed');
    };
    expect(recordChat(d, chat('case-77', 0, { requested_by: 'secret@b.co' }), settings, NOTICES)).toBe('notKept');
    const lost = d.platform.log.errors.find((line) => line.startsWith('Chat lost'));
    expect(lost).toContain('case-77');
    expect(d.platform.log.errors.join('\n')).not.toContain('secret@b.co');
  });

  test('pending chats together stay under 300 KB, so the configuration and key always fit', () => {
    const d = deps();
    d.platform.lock.available = false;
    const outcomes = Array.from({ length: 60 }, (_, i) =>
      recordChat(d, chat(`c${i}`, 0, { description: 'd'.repeat(8000) }), settings, NOTICES),
    );
    expect(outcomes.filter((o) => o === 'kept').length).toBeGreaterThan(30);
    expect(outcomes.slice(-1)).toEqual(['notKept']);
    expect(pendingBytes(d.platform.properties.getAll())).toBeLessThanOrEqual(300 * 1024);
  });

  test('the first chat changes the structure (there is history to search now); later ones only their visitor’s answer', () => {
    const d = deps();
    recordChat(d, chat('c1'), settings, NOTICES);
    const first = generationsIn(d.platform.properties.getAll());
    const calls = d.platform.properties.reads + d.platform.properties.writes;
    recordChat(d, chat('c2'), settings, NOTICES);
    expect(d.platform.properties.reads + d.platform.properties.writes).toBe(calls);
    expect(generationsIn(d.platform.properties.getAll())).toEqual(first);
    expect(d.platform.cache.map.get(CACHE_KEY.chatToken(sha256('a@b.co')))).toBeDefined();
  });

  test('when the cache cannot take the token, the chat changes the content generation instead', () => {
    const d = deps();
    recordChat(d, chat('c1'), settings, NOTICES);
    const first = generationsIn(d.platform.properties.getAll());
    d.platform.cache.putAll = () => {
      throw new Error('Service invoked too many times: cache');
    };
    recordChat(d, chat('c2'), settings, NOTICES);
    const second = generationsIn(d.platform.properties.getAll());
    expect(second?.structure).toBe(first?.structure);
    expect(second?.content).not.toBe(first?.content);
  });

  test('a chat without an email outdates nothing', () => {
    const d = deps();
    recordChat(d, chat('c1'), settings, NOTICES);
    const before = [...d.platform.cache.map.keys()];
    const calls = d.platform.properties.reads + d.platform.properties.writes;
    recordChat(d, chat('c2', 0, { requested_by: '' }), settings, NOTICES);
    expect([...d.platform.cache.map.keys()]).toEqual(before);
    expect(d.platform.properties.reads + d.platform.properties.writes).toBe(calls);
  });

  test('pruning changes the content generation: other visitors’ counts changed', () => {
    const d = deps(new MemoryBook(), plainPlatform(120 * DAY));
    const contentAfter = (day: number) => {
      recordChat(d, chat(`c${day}`, day), { ...settings, chatRetentionDays: 30 }, NOTICES);
      return generationsIn(d.platform.properties.getAll())?.content;
    };
    for (let day = 0; day < 97; day++) contentAfter(day);
    const before = contentAfter(97);
    expect(contentAfter(98)).not.toBe(before);
  });

  test('rows older than Chat retention days go', () => {
    const d = deps(new MemoryBook(), plainPlatform(120 * DAY));
    for (let day = 0; day < 99; day++)
      recordChat(d, chat(`c${day}`, day), { ...settings, chatRetentionDays: 30 }, NOTICES);
    const days = d.tabs.rows('Chats').map((r) => (r[0] as Date).getTime() / DAY);
    expect(days[0]).toBe(90);
  });
});
