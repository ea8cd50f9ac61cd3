import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isChatPayload, parseChat } from '../../../src/core/chats/chat-payload';

const fixture = (name: string) =>
  JSON.parse(readFileSync(path.resolve(__dirname, `../../../sample/integration-api/${name}.json`), 'utf8')) as Record<
    string,
    unknown
  >;
const NOW = Date.UTC(2026, 10, 30, 12);

test('an Integration API post is told from a lookup by its shape', () => {
  const members = (names: string[]) => names.map((name) => ({ name, raw: '""' }));
  expect(isChatPayload(members(Object.keys(fixture('chat'))))).toBe(true);
  expect(isChatPayload(members(['id', 'transcripts']))).toBe(true);
  expect(isChatPayload(members(['id', 'email']))).toBe(false);
});

test('the sample chat: every field the Chats tab keeps', () => {
  const parsed = parseChat(fixture('chat'), NOW);
  expect('chat' in parsed && parsed.chat).toMatchObject({
    caseId: 'sample-chat-0001-refund',
    when: new Date(Date.UTC(2026, 10, 2, 14, 5, 31)),
    email: 'liam.rossi@example.org',
    name: 'Liam Rossi',
    type: 'chat',
    agents: 'Anna',
    waitSeconds: 12,
    durationSeconds: 1860,
    pageUrl: 'https://shop.example.com/orders/991',
    description: 'refund for order 991',
    notes: 'Notes: Refund approved by Anna\nTag: =1+1',
    caseUrl: 'https://www.snapengage.com/viewcase?c=sample-chat-0001-refund',
  });
  const transcript = 'chat' in parsed ? parsed.chat.transcript.split('\n') : [];
  expect(transcript[0]).toBe('Liam Rossi: Hi, I was charged twice for order 991.');
  expect(transcript[2]).toBe('Liam Rossi: =HYPERLINK("http://evil.example","click here")');
  expect(transcript).toHaveLength(208);
});

test('an offline message from a visitor without a name', () => {
  const parsed = parseChat(fixture('offline'), NOW);
  expect('chat' in parsed && parsed.chat).toMatchObject({
    type: 'offline',
    name: '',
    agents: '',
    transcript: '',
    email: 'new.visitor@example.com',
  });
});

test('created_at_date is used when created_at_seconds is missing; the arrival time when both are', () => {
  const when = (body: Record<string, unknown>) => {
    const parsed = parseChat({ id: 'c', requested_by: '', ...body }, NOW);
    return 'chat' in parsed ? parsed.chat.when.getTime() : undefined;
  };
  expect(when({ created_at_date: 'Oct 3, 2014 2:14:31 PM' })).toBe(Date.UTC(2014, 9, 3, 14, 14, 31));
  expect(when({ created_at_date: 'garbage' })).toBe(NOW);
  expect(when({})).toBe(NOW);
  // More than a day ahead (or no date JavaScript can hold): the arrival time, so retention still applies.
  expect(when({ created_at_seconds: Date.UTC(2100, 0, 1) / 1000 })).toBe(NOW);
  expect(when({ created_at_seconds: (NOW + 86_400_000) / 1000 })).toBe(NOW + 86_400_000);
  expect(when({ created_at_seconds: -1e20 })).toBe(NOW);
});

test('no case ID: a one-line explanation; no email: still a chat', () => {
  expect(parseChat({ requested_by: 'a@b.co' }, NOW)).toEqual({
    error: 'The chat has no case ID (id); nothing was recorded.',
  });
  expect(parseChat({ id: '  ', requested_by: 'a@b.co' }, NOW)).toHaveProperty('error');
  expect(parseChat({ id: 42, transcripts: [] }, NOW)).toMatchObject({ chat: { caseId: '42', email: '' } });
});

test('hostile values: odd types are blank, invisible characters go, numbers only when numbers', () => {
  const parsed = parseChat(
    {
      id: 'c\u202e1',
      requested_by: ['x'],
      requester_details: 'not an object',
      chat_waittime: 'soon',
      transcripts: [null, 'x', { id: 'agent@x.co', message: 'hi\u200b' }],
      operator_variables: { name: 'x' },
    },
    NOW,
  );
  expect('chat' in parsed && parsed.chat).toMatchObject({
    caseId: 'c1',
    email: '',
    name: '',
    waitSeconds: '',
    agents: 'agent@x.co',
    transcript: 'agent@x.co: hi',
    notes: '',
  });
});

test('a case ID over 1,000 characters, or an email with a control character or over 254, refuses the chat', () => {
  expect(parseChat({ id: 'c'.repeat(1001) }, NOW)).toEqual({
    error: "The chat's case ID (id) is longer than 1000 characters; nothing was recorded.",
  });
  expect(parseChat({ id: ` ${'c'.repeat(1000)}\u200b ` }, NOW)).toHaveProperty('chat.caseId', 'c'.repeat(1000));
  expect(parseChat({ id: 'c', requested_by: 'a\u0000b@x.co' }, NOW)).toEqual({
    error: 'The email parameter contains control characters.',
  });
  expect(parseChat({ id: 'c', requested_by: `${'a'.repeat(250)}@x.co` }, NOW)).toEqual({
    error: 'The email parameter is longer than 254 characters.',
  });
  expect(parseChat({ id: 'c', requested_by: ' \u202eJane@Example.com\u00ad ' }, NOW)).toHaveProperty(
    'chat.email',
    'jane@example.com',
  );
});

test('one-line fields lose line breaks; descriptions and messages keep them', () => {
  const parsed = parseChat(
    {
      id: 'c\n1',
      requested_by: 'a@b.co',
      requester_details: { name: 'Jane\r\nRoe' },
      description: 'one\r\ntwo\u2028three',
      operator_variables: [{ name: 'Tag\nx', value: 'a\tb' }],
      transcripts: [{ id: 'agent@x.co', alias: 'Anna\nPlan: Enterprise', message: 'hi\nthere' }],
    },
    NOW,
  );
  expect('chat' in parsed && parsed.chat).toMatchObject({
    caseId: 'c 1',
    name: 'Jane Roe',
    description: 'one\ntwo\nthree',
    notes: 'Tag x: a b',
    agents: 'Anna Plan: Enterprise',
    transcript: 'Anna Plan: Enterprise: hi\nthere',
  });
});
