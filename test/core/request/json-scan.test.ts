import fc from 'fast-check';
import { differingRepeat, MAX_JSON_DEPTH, scanJsonObject } from '../../../src/core/request/json-scan';

describe('scanJsonObject', () => {
  test('any object JSON.stringify writes: its members in order, each value as written', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 5 })), fc.boolean(), (object, indented) => {
        const text = JSON.stringify(object, null, indented ? 2 : 0);
        const scan = scanJsonObject(text);
        expect(scan.ok).toBe(true);
        if (!scan.ok) return;
        expect(scan.members.map(({ name, raw }) => [name, JSON.parse(raw)])).toEqual(Object.entries(JSON.parse(text)));
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  test('agrees with JSON.parse on what is JSON, for text near JSON', () => {
    const nearJson = fc
      .tuple(fc.json({ maxDepth: 3 }), fc.nat(), fc.constantFrom('', '"', '}', ']', ',', ':', '\\', 'x', ' ', '\u0001'))
      .map(([text, at, char]) => text.slice(0, at % (text.length + 1)) + char + text.slice(at % (text.length + 1)));
    fc.assert(
      fc.property(nearJson, (text) => {
        let expected: string;
        try {
          const value: unknown = JSON.parse(text);
          expected = value !== null && typeof value === 'object' && !Array.isArray(value) ? 'ok' : 'notObject';
        } catch {
          expected = 'notJson';
        }
        const scan = scanJsonObject(text);
        expect(scan.ok ? 'ok' : scan.problem).toBe(expected);
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  test('duplicates are kept; brackets and quotes inside strings are text', () => {
    const scan = scanJsonObject(' { "a" : 1 , "a":2, "b":[1,{"c":"}\\"]"}], "d": {} }');
    expect(scan).toEqual({
      ok: true,
      members: [
        { name: 'a', raw: '1' },
        { name: 'a', raw: '2' },
        { name: 'b', raw: '[1,{"c":"}\\"]"}]' },
        { name: 'd', raw: '{}' },
      ],
    });
    expect(scanJsonObject('{"__proto__": "x"}')).toEqual({ ok: true, members: [{ name: '__proto__', raw: '"x"' }] });
  });

  test(`nesting beyond ${MAX_JSON_DEPTH} levels is told apart, however deep, without recursion`, () => {
    const nested = (depth: number) => `{"a":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
    expect(scanJsonObject(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(scanJsonObject(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, problem: 'tooDeep' });
    expect(scanJsonObject('{"a":'.repeat(1_000_000))).toEqual({ ok: false, problem: 'tooDeep' });
    expect(scanJsonObject(`[${'['.repeat(1_000_000)}`)).toEqual({ ok: false, problem: 'tooDeep' });
  });

  test.each([
    ['[1,2]', 'notObject'],
    ['null', 'notObject'],
    ['"x"', 'notObject'],
    ['', 'notJson'],
    ['{', 'notJson'],
    ['{"a":1}x', 'notJson'],
    ['{"a":1,}', 'notJson'],
    ['{"a" 1}', 'notJson'],
    ['{"a":"\u0001"}', 'notJson'],
    ['{"a":"\\x"}', 'notJson'],
    [`{"a":"${'\\"'.repeat(100_000)}`, 'notJson'],
  ])('malformed body %#', (text, problem) => expect(scanJsonObject(text)).toEqual({ ok: false, problem }));
});

test('differingRepeat: the first name given twice with different values', () => {
  const members = (pairs: [string, string][]) => pairs.map(([name, raw]) => ({ name, raw }));
  expect(
    differingRepeat(
      members([
        ['a', '"x"'],
        ['a', '"\\u0078"'],
      ]),
    ),
  ).toBeUndefined();
  expect(
    differingRepeat(
      members([
        ['a', '1'],
        ['b', '2'],
        ['b', '3'],
      ]),
    ),
  ).toBe('b');
});
