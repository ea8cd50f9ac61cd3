/**
 * Rows fetched by a run: every row whose values a Sheets API batchGet range or a SpreadsheetApp
 * range read returns. Search hits are not rows fetched: a TextFinder reports cells, not values.
 */
import * as sheetsApi from '../../local/gas/sheets-api';
import { FakeRange } from '../../local/gas/spreadsheet';
import { parseA1 } from '../../local/gas/a1';

type Read = (this: FakeRange, ...args: unknown[]) => unknown;

export function rowsFetched(run: () => void): number {
  let rows = 0;
  const realService = sheetsApi.fakeSheetsService;
  const service = jest.spyOn(sheetsApi, 'fakeSheetsService').mockImplementation((book, meter) => {
    const api = realService(book, meter);
    const batchGet = api.Spreadsheets.Values.batchGet;
    api.Spreadsheets.Values.batchGet = (id, args = {}) => {
      for (const notation of args.ranges ?? []) {
        const a1 = parseA1(notation);
        rows += (a1.lastRow ?? a1.row) - a1.row + 1;
      }
      return batchGet(id, args);
    };
    return api;
  });
  const prototype = FakeRange.prototype as unknown as { read: Read };
  const realRead = prototype.read;
  const read = jest.spyOn(prototype, 'read').mockImplementation(function (this: FakeRange, ...args: unknown[]) {
    rows += this.numRows;
    return realRead.apply(this, args);
  });
  try {
    run();
    return rows;
  } finally {
    service.mockRestore();
    read.mockRestore();
  }
}
