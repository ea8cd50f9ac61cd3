/**
 * npm start's options are checked before anything is built, each problem in one line.
 */
import { parseStartArgs } from '../../local/start';
import { parseBenchArgs } from '../../scripts/bench';

test('defaults: port 8080 (or PORT), Google-like redirects', () => {
  expect(parseStartArgs([], {})).toEqual({ port: 8080, redirect: true });
  expect(
    parseStartArgs(['--direct', '--key', 'local-key-1', '--sheet', 'sample/contacts.csv'], { PORT: '9000' }),
  ).toEqual({
    port: 9000,
    redirect: false,
    key: 'local-key-1',
    sheet: 'sample/contacts.csv',
  });
});

test.each([
  [['--frobnicate'], 'unknown option --frobnicate'],
  [['--port', 'eighty'], '--port (or PORT) takes a whole number from 0 to 65535'],
  [['--port'], '--port needs a value'],
  [['--sheet', 'missing.csv'], '--sheet: no such file missing.csv'],
  [['--sheet', 'contacts.txt'], '--sheet takes a .csv or .xlsx file'],
  [['--key', 'short'], '--key takes 8 to 256 visible ASCII characters'],
])('npm start %j: %s', (argv, message) => {
  expect(() => parseStartArgs(argv, {})).toThrow(message);
});

test('npm run bench checks its options the same way', () => {
  expect(parseBenchArgs(['--json', '--sizes', '1000,5000'])).toEqual({ json: true, sizes: [1000, 5000] });
  expect(() => parseBenchArgs(['--sizes', 'many'])).toThrow('--sizes takes whole numbers');
  expect(() => parseBenchArgs(['--sizes'])).toThrow('--sizes takes whole numbers');
  expect(() => parseBenchArgs(['--fast'])).toThrow('unknown option --fast');
  expect(parseBenchArgs(['--day', '--hours', '2', '--rows', '5000', '--json'])).toMatchObject({
    json: true,
    day: { hours: 2, rows: 5000 },
  });
  expect(parseBenchArgs(['--day']).day).toMatchObject({ hours: 10, rows: 100_000 });
  expect(parseBenchArgs([]).day).toBeUndefined();
  expect(() => parseBenchArgs(['--hours', '1'])).toThrow('--hours goes with --day');
  expect(() => parseBenchArgs(['--day', '--hours', '11'])).toThrow('--hours takes a whole number from 1 to 10');
});
