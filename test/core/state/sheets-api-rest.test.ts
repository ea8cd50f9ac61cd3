import { preferSheetsApi, SHEETS_API_REST_MS, sheetsApiResting } from '../../../src/core/state/sheets-api-rest';
import { CACHE_KEY } from '../../../src/core/state/store-keys';
import { plainPlatform } from '../../support/plain-ports';

test('the API answers while it does; after an error it rests for a minute and SpreadsheetApp answers', () => {
  const platform = plainPlatform();
  expect(
    preferSheetsApi(
      platform,
      false,
      () => 'api',
      () => 'spreadsheet',
    ),
  ).toBe('api');
  const failing = () => {
    throw new Error('Quota exceeded for quota metric');
  };
  expect(preferSheetsApi(platform, false, failing, () => 'spreadsheet')).toBe('spreadsheet');
  expect(platform.log.warnings.join()).toContain('Quota exceeded');
  const rest = platform.cache.map.get(CACHE_KEY.sheetsApiRest);
  expect(sheetsApiResting(rest, platform.now() + SHEETS_API_REST_MS - 1)).toBe(true);
  expect(sheetsApiResting(rest, platform.now() + SHEETS_API_REST_MS)).toBe(false);
  expect(sheetsApiResting(undefined, platform.now())).toBe(false);
  let asked = 0;
  const counted = () => (asked++, 'api');
  expect(preferSheetsApi(platform, true, counted, () => 'spreadsheet')).toBe('spreadsheet');
  expect(asked).toBe(0);
});
