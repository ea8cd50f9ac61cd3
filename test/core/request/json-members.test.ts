import fc from 'fast-check';
import { jsonMembers } from '../../../src/core/request/json-members';

test('the members of any object JSON.stringify writes, in order, as JSON.parse reads them', () => {
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(undefined, 2, '\t'), (object, indent) => {
      const text = JSON.stringify(object, null, indent);
      expect(jsonMembers(text)).toEqual(Object.entries(JSON.parse(text)));
    }),
    { numRuns: 1000, seed: 20261130 },
  );
});

test('duplicates are kept, nested brackets and quotes inside strings are skipped', () => {
  expect(jsonMembers(' { "a" : 1 , "a":2, "b":[1,{"c":"}\\"]"}], "d": {} }')).toEqual([
    ['a', 1],
    ['a', 2],
    ['b', [1, { c: '}"]' }]],
    ['d', {}],
  ]);
  expect(jsonMembers('{}')).toEqual([]);
  expect(jsonMembers('{"__proto__": "x"}')).toEqual([['__proto__', 'x']]);
});
