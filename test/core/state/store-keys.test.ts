import { CACHE_KEY, PROPERTY, STORE_FORMAT, utf8Length } from '../../../src/core/state/store-keys';

test('UTF-8 length, the unit of both value limits', () => {
  expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
  expect(utf8Length('')).toBe(0);
});

test('shared state is named without a build; data whose shape may change carries the store format', () => {
  expect(CACHE_KEY.generations).not.toMatch(/\d/);
  expect(CACHE_KEY.config).toContain(String(STORE_FORMAT));
  expect(CACHE_KEY.answer('f'.repeat(64)).length).toBeLessThanOrEqual(250);
  expect(PROPERTY.accessKey).toBe('ACCESS_KEY');
});
