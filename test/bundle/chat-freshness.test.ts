/**
 * A chat makes only its own visitor's next lookup fresh (issue 18, item 3), without a Script
 * Properties call, and stays right when Google is unkind: a lookup computing while the chat is
 * recorded (interleaved at every service call, both ways), the chat's cache entries dropped early,
 * the cache refusing the chat's write, several builds sharing one cache.
 *
 * Deliberate mutations these tests were run against: the lookup's re-check of the chat token after
 * storing left out ("a chat at each step of a cold lookup; the chat's token dropped early" fails),
 * and the chat not removing the visitor's answer ("a cold lookup at each step of a chat; the chat's
 * token dropped early" fails).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppsScriptRuntime } from '../../local/gas/runtime';
import { addOlderBuild, contactsSheet, lookup, PEOPLE, query, setSetting, setUpRuntime } from '../support/runtime';

const SAMPLE = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../sample/integration-api/chat.json'), 'utf8'),
) as Record<string, unknown>;
let nextCase = 0;
/** A fixed clock, a month after the sample chat's date: no chat is ever old enough to be pruned. */
const NOW = Date.UTC(2026, 11, 1);

function chat(runtime: AppsScriptRuntime, email: string, description = `chat ${++nextCase}`, build?: string): string {
  const body = { ...SAMPLE, id: `case-${++nextCase}`, requested_by: email, description };
  return runtime.post(query({ key: runtime.accessKey() }), JSON.stringify(body), 'application/json', { build }).text;
}

/** Chat history on, one chat already recorded (the Chats tab exists), both visitors' answers cached. */
function warm(now = () => NOW): AppsScriptRuntime {
  const runtime = setUpRuntime([contactsSheet(PEOPLE)], { now });
  setSetting(runtime, 'Chat history', 'on');
  chat(runtime, 'test@test.com');
  for (const email of ['jane@example.com', 'a.b@example.com']) {
    lookup(runtime, email);
    lookup(runtime, email);
  }
  runtime.meter.reset();
  return runtime;
}

const historyOf = (answer: string) => /Chats: (\d+) · [^\n]*$/.exec(answer)?.[0] ?? 'no history';
const chatToken = (key: string) => key.startsWith('chat:');

describe('a chat makes only its own visitor’s next lookup fresh', () => {
  test('the other visitors’ answers stay cached; the chat costs no Script Properties call', () => {
    const runtime = warm();
    expect(chat(runtime, 'jane@example.com', 'about the invoice')).toBe('Chat recorded.');
    expect(runtime.meter.counts.propertiesReads + runtime.meter.counts.propertiesWrites).toBe(0);
    runtime.meter.reset();
    expect(lookup(runtime, 'a.b@example.com')).toContain('Name: Ann B');
    expect(runtime.meter.counts).toMatchObject({ sheetCalls: 0, cacheReads: 1 });
    expect(historyOf(lookup(runtime, 'jane@example.com'))).toBe(
      'Chats: 1 · last 2026-11-02 with Anna: about the invoice',
    );
    expect(runtime.meter.counts.sheetCalls).toBeGreaterThan(0);
  });

  test('100 chats of other visitors: 10 warm lookups still cost no Sheets call', () => {
    const emails = Array.from({ length: 10 }, (_, i) => `p${i}@example.com`);
    const runtime = setUpRuntime([contactsSheet(emails.map((email, i) => [`P ${i}`, email]))], { now: () => NOW });
    setSetting(runtime, 'Chat history', 'on');
    // The first chat creates the Chats tab: a change of structure, once.
    chat(runtime, 'first@example.org');
    for (const email of emails) lookup(runtime, email);
    runtime.meter.reset();
    for (let i = 0; i < 100; i++) chat(runtime, `visitor${i}@example.org`);
    expect(runtime.meter.counts.propertiesReads + runtime.meter.counts.propertiesWrites).toBe(0);
    runtime.meter.reset();
    for (const email of emails) lookup(runtime, email);
    expect(runtime.meter.counts.sheetCalls).toBe(0);
  });

  test('a staff edit still reaches every visitor on the next lookup', () => {
    const runtime = warm();
    chat(runtime, 'jane@example.com');
    runtime.edit('Contacts', 'C3', 'Bee Two');
    expect(lookup(runtime, 'a.b@example.com')).toContain('Company: Bee Two');
  });

  test('when the cache refuses the chat’s write, the chat falls back to a change every lookup sees', () => {
    const runtime = warm();
    runtime.meter.fault = (service, method) =>
      service === 'cache' && method === 'putAll' ? new Error('Service invoked too many times: cache') : undefined;
    expect(chat(runtime, 'jane@example.com', 'cache refused')).toBe('Chat recorded.');
    runtime.meter.fault = undefined;
    expect(historyOf(lookup(runtime, 'jane@example.com'))).toContain('cache refused');
  });

  test('a chat recorded through one build’s deployment reaches the other build’s next lookup', () => {
    const runtime = warm();
    const older = addOlderBuild(runtime);
    const ask = (build?: string) =>
      runtime.get(query({ key: runtime.accessKey(), email: 'jane@example.com' }), { build }).text;
    ask(older);
    chat(runtime, 'jane@example.com', 'via the newest build');
    expect(historyOf(ask(older))).toContain('via the newest build');
    chat(runtime, 'jane@example.com', 'via the older build', older);
    expect(historyOf(ask())).toContain('via the older build');
  });
});

describe('no interleaving of a chat with a lookup of the same visitor serves the chat late', () => {
  /** The visitor's answer is not cached: the next lookup computes it, the moment a race can happen. */
  function cold(): AppsScriptRuntime {
    const runtime = warm();
    runtime.cache.evict((key) => key.includes(':answer:'));
    return runtime;
  }
  const steps = (run: (runtime: AppsScriptRuntime) => unknown) => {
    const runtime = cold();
    return runtime.serviceCalls(() => void run(runtime));
  };
  const lookupSteps = steps((runtime) => lookup(runtime, 'jane@example.com'));
  const chatSteps = steps((runtime) => chat(runtime, 'jane@example.com'));

  test('both make enough service calls to interleave with', () => {
    expect(lookupSteps).toBeGreaterThanOrEqual(6);
    expect(chatSteps).toBeGreaterThanOrEqual(6);
  });

  test.each([
    ['kept', () => false],
    ['dropped early by Google', chatToken],
  ])('a chat at each step of a cold lookup; the chat’s token %s', (_name, dropped) => {
    for (let step = 1; step <= lookupSteps; step++) {
      const runtime = cold();
      runtime.interleave(
        () => lookup(runtime, 'jane@example.com'),
        step,
        () => chat(runtime, 'jane@example.com', `the chat at step ${step}`),
      );
      runtime.cache.evict(dropped);
      expect(historyOf(lookup(runtime, 'jane@example.com'))).toContain(`the chat at step ${step}`);
      expect(historyOf(lookup(runtime, 'jane@example.com'))).toContain(`the chat at step ${step}`);
    }
  });

  test.each([
    ['kept', () => false],
    ['dropped early by Google', chatToken],
  ])('a cold lookup at each step of a chat; the chat’s token %s', (_name, dropped) => {
    for (let step = 1; step <= chatSteps; step++) {
      const runtime = cold();
      runtime.interleave(
        () => chat(runtime, 'jane@example.com', `the chat at step ${step}`),
        step,
        () => void lookup(runtime, 'jane@example.com'),
      );
      runtime.cache.evict(dropped);
      expect(historyOf(lookup(runtime, 'jane@example.com'))).toContain(`the chat at step ${step}`);
      expect(historyOf(lookup(runtime, 'jane@example.com'))).toContain(`the chat at step ${step}`);
    }
  });

  test('random early losses of any cache entry, time passing, chats and lookups mixed: the history is never stale', () => {
    let now = NOW;
    const runtime = warm(() => now);
    let seed = 11;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const count = new Map([
      ['jane@example.com', 0],
      ['a.b@example.com', 0],
    ]);
    for (let i = 0; i < 200; i++) {
      const email = random() < 0.5 ? 'jane@example.com' : 'a.b@example.com';
      const dice = random();
      if (dice < 0.3) {
        chat(runtime, email);
        count.set(email, (count.get(email) ?? 0) + 1);
      } else if (dice < 0.5) runtime.cache.evict(() => random() < 0.5);
      // Up to a quarter of an hour: tokens and answers (Cache minutes: 10) expire along the way.
      else if (dice < 0.6) now += Math.floor(random() * 900_000);
      const expected = count.get(email) ? `Chats: ${count.get(email)} ·` : 'no history';
      expect(historyOf(lookup(runtime, email)).slice(0, expected.length)).toBe(expected);
    }
  });
});
