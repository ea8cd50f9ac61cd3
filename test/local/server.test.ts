/**
 * `npm start`'s server over real HTTP on loopback, started on a random port.
 */
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEFAULT_SHEET, RunningServer, startServer } from '../../local/server';
import { settingsFileFor } from '../../local/sheet-files';
import { tryLine } from '../../local/start';

const SEED_QUERY =
  'email=test%40test.com&ip=127.0.0.1&url=http%3A%2F%2Fwww.test.com%2Fchat&caseId=b88d3c4d-c402-4673-8e5b-68778eac45cb';
const REFUSED = 'Access denied: this contact lookup URL needs a valid key.';

function sheetCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'contacts-'));
  const file = path.join(dir, 'contacts.csv');
  copyFileSync(DEFAULT_SHEET, file);
  copyFileSync(settingsFileFor(DEFAULT_SHEET), settingsFileFor(file));
  const header = readFileSync(file, 'utf8').split('\n')[0];
  const cells = header
    .split(',')
    .map((h) => ({ Name: 'Test Visitor', Email: 'test@test.com', Company: 'Test Co' })[h] ?? '');
  writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()}\n${cells.join(',')}\n`);
  return file;
}

describe('local server', () => {
  let server: RunningServer;
  let sheet: string;
  const lines: string[] = [];

  beforeAll(async () => {
    sheet = sheetCopy();
    server = await startServer({ port: 0, sheet, log: (line) => lines.push(line) });
  });
  afterAll(() => server.close());

  test('the seed article request answers with the contact, in plain text', async () => {
    const response = await fetch(`${server.execUrl}?key=${server.key}&${SEED_QUERY}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('Name: Test Visitor\nEmail: test@test.com\nCompany: Test Co');
  });

  test('the plain /exec alias, and the key with the email glued on by SnapEngage', async () => {
    const alias = server.execUrl.replace(/\/macros\/s\/[^/]+/, '');
    expect(await (await fetch(`${alias}?key=${server.key}?${SEED_QUERY}`)).text()).toContain('Name: Test Visitor');
  });

  test('POST form and JSON', async () => {
    const form = await fetch(server.execUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `key=${server.key}&${SEED_QUERY}`,
    });
    expect(await form.text()).toContain('Name: Test Visitor');
    const json = await fetch(`${server.execUrl}?key=${server.key}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'test@test.com' }),
    });
    expect(await json.text()).toContain('Name: Test Visitor');
  });

  test('wrong key and unknown email', async () => {
    expect(await (await fetch(`${server.execUrl}?key=nope&${SEED_QUERY}`)).text()).toBe(REFUSED);
    expect(await (await fetch(`${server.execUrl}?key=${server.key}&email=nobody%40example.com`)).text()).toBe(
      'No contact found for nobody@example.com',
    );
  });

  test('the request log has time, outcome and milliseconds, never an email', async () => {
    lines.length = 0;
    await fetch(`${server.execUrl}?key=${server.key}&${SEED_QUERY}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\dT\S+Z GET 1 match( \(cached\))? \d+\.\d ms$/);
    expect(lines.join('\n')).not.toContain('test@test.com');
  });

  test('an edit to the CSV shows on the very next request', async () => {
    const url = `${server.execUrl}?key=${server.key}&${SEED_QUERY}`;
    expect(await (await fetch(url)).text()).toContain('Company: Test Co');
    writeFileSync(
      sheet,
      readFileSync(sheet, 'utf8').replace(
        'Test Visitor,test@test.com,,Test Co',
        'Test Visitor,test@test.com,,Renamed Co',
      ),
    );
    expect(await (await fetch(url)).text()).toContain('Company: Renamed Co');
  });

  test('200 concurrent requests are all answered correctly', async () => {
    const emails = [
      'test@test.com',
      'olivia.smith@example.com',
      'mia+billing@example.org',
      'nobody@example.com',
      'jose.nunez@example.com',
    ];
    const answers = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const email = emails[i % emails.length];
        const key = i % 10 === 9 ? 'wrong' : server.key;
        const text = await (await fetch(`${server.execUrl}?key=${key}&email=${encodeURIComponent(email)}`)).text();
        return { email, key, text };
      }),
    );
    for (const { email, key, text } of answers) {
      if (key === 'wrong') expect(text).toBe(REFUSED);
      else if (email === 'nobody@example.com') expect(text).toBe('No contact found for nobody@example.com');
      else if (email === 'mia+billing@example.org') expect(text).toContain('Name: Mia Jensen');
      else if (email === 'jose.nunez@example.com') expect(text).toContain('Name: José Núñez');
      else
        expect(text).toContain(email === 'test@test.com' ? 'Name: Test Visitor' : 'Match 1 of 2\nName: Olivia Smith');
    }
  });

  test('unknown paths and HEAD get an answer that says what to use', async () => {
    const unknown = await fetch(server.execUrl.replace('/exec', '/dev'));
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toMatch(
      /^Not found\. Use GET or POST http:\/\/127\.0\.0\.1:\d+\/macros\/s\/local-script-id\/exec\?key=…&email=…$/,
    );
    const head = await fetch(server.execUrl, { method: 'HEAD' });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET, POST');
  });

  test('an Integration API chat posted to the same URL is recorded, and the visitor is then looked up with it', async () => {
    const chat = JSON.parse(readFileSync(path.resolve(__dirname, '../../sample/integration-api/chat.json'), 'utf8'));
    const posted = await fetch(`${server.execUrl}?key=${server.key}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...chat, requested_by: 'test@test.com' }),
    });
    expect(await posted.text()).toBe('Chat recorded.');
    expect(await (await fetch(`${server.execUrl}?key=${server.key}&${SEED_QUERY}`)).text()).toContain(
      'Chats: 1 · last 2026-11-02 with Anna: refund for order 991',
    );
  });
});

describe('an emulator that answers like Google', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, sheet: sheetCopy(), log: () => undefined });
  });
  afterAll(() => server.close());
  const origin = () => new URL(server.execUrl).origin;

  test('by default /exec answers with a 302 to an echo URL that serves its content once, to GET only', async () => {
    const raw = await fetch(`${server.execUrl}?key=${server.key}&${SEED_QUERY}`, { redirect: 'manual' });
    expect(raw.status).toBe(302);
    const location = raw.headers.get('location') ?? '';
    expect(location).toMatch(/^\/macros\/echo\?user_content_key=\w+$/);
    const posted = await fetch(origin() + location, { method: 'POST', body: 'x' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    expect(await (await fetch(origin() + location)).text()).toContain('Name: Test Visitor');
    expect((await fetch(origin() + location)).status).toBe(404);
  });

  test('a POST whose client keeps POST on the redirect gets 405; one that turns it into GET gets the answer', async () => {
    const raw = await fetch(server.execUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `key=${server.key}&${SEED_QUERY}`,
      redirect: 'manual',
    });
    const location = origin() + (raw.headers.get('location') ?? '');
    expect((await fetch(location, { method: 'POST', body: 'again' })).status).toBe(405);
    const followed = await fetch(server.execUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `key=${server.key}&${SEED_QUERY}`,
    });
    expect(followed.redirected).toBe(true);
    expect(await followed.text()).toContain('Name: Test Visitor');
  });
});

describe('trustworthy while you edit', () => {
  async function serving(file: string, extra: Partial<Parameters<typeof startServer>[0]> = {}) {
    const lines: string[] = [];
    const server = await startServer({ port: 0, sheet: file, log: (line) => lines.push(line), ...extra });
    const ask = async (email = 'test@test.com') =>
      (await fetch(`${server.execUrl}?key=${server.key}&email=${encodeURIComponent(email)}`)).text();
    return { server, lines, ask };
  }

  test('a file that does not parse is answered with its error on every request until fixed, never with old data', async () => {
    const file = sheetCopy();
    const { server, lines, ask } = await serving(file);
    try {
      expect(await ask()).toContain('Name: Test Visitor');
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, `${good}"unclosed,quote\n`);
      for (let i = 0; i < 2; i++)
        expect(await ask()).toMatch(
          /^Local server: cannot read the sheet .*contacts\.csv: .*Fix the file; the next request reads it again\.$/,
        );
      expect(lines.join('\n')).toContain('every request gets this error until the file is fixed');
      writeFileSync(file, good.replace('Test Co', 'Fixed Co'));
      expect(await ask()).toContain('Company: Fixed Co');
    } finally {
      await server.close();
    }
  });

  test('a settings file added or removed while serving', async () => {
    const file = sheetCopy();
    rmSync(settingsFileFor(file));
    const { server, lines, ask } = await serving(file);
    try {
      expect(await ask('ava.work@example.net')).toBe('No contact found for ava.work@example.net');
      writeFileSync(settingsFileFor(file), 'Setting,Value\nExtra email columns,Secondary email\n');
      expect(await ask('ava.work@example.net')).toContain('Name: Noah Johnson');
      expect(lines.join('\n')).toMatch(/Reloaded contacts\.csv\. Check setup says:\n/);
      rmSync(settingsFileFor(file));
      expect(await ask('ava.work@example.net')).toBe('No contact found for ava.work@example.net');
    } finally {
      await server.close();
    }
  });

  test('tabs added and removed in an .xlsx file', async () => {
    const write = async (file: string, tabs: Record<string, string[][]>) => {
      const workbook = new ExcelJS.Workbook();
      for (const [name, rows] of Object.entries(tabs)) workbook.addWorksheet(name).addRows(rows);
      await workbook.xlsx.writeFile(file);
    };
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'xlsx-')), 'book.xlsx');
    await write(file, {
      People: [
        ['Name', 'Email'],
        ['Pat', 'pat@example.com'],
      ],
    });
    const { server, ask } = await serving(file);
    try {
      expect(await ask('pat@example.com')).toBe('Name: Pat\nEmail: pat@example.com');
      await write(file, {
        People: [
          ['Name', 'Email'],
          ['Pat', 'pat@example.com'],
        ],
        Contacts: [
          ['Name', 'Email'],
          ['Kim', 'pat@example.com'],
        ],
      });
      expect(await ask('pat@example.com')).toBe('Name: Kim\nEmail: pat@example.com');
      await write(file, {
        People: [
          ['Name', 'Email'],
          ['Pat', 'pat@example.com'],
        ],
      });
      expect(await ask('pat@example.com')).toBe('Name: Pat\nEmail: pat@example.com');
      expect(server.runtime.spreadsheet.sheets.map((s) => s.getName())).toEqual(['People', 'Settings']);
    } finally {
      await server.close();
    }
  });

  test('--key pins the key; the Try URL uses the tab and email column the app chose', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'tabs-')), 'contacts.csv');
    writeFileSync(file, 'Name,Phone,Work email,Notes\nPat,123,not-an-email,x\nKim,456,kim@example.com,y\n');
    writeFileSync(settingsFileFor(file), 'Setting,Value\nEmail column,Work email\n');
    const { server } = await serving(file, { key: 'pinned-key-123' });
    try {
      expect(server.key).toBe('pinned-key-123');
      const example = server.tryLookup();
      expect(example).toEqual({ url: `${server.execUrl}?key=pinned-key-123&email=kim%40example.com` });
      expect(tryLine(example)).toBe(`Try: ${server.execUrl}?key=pinned-key-123&email=kim%40example.com`);
      expect(await (await fetch('url' in example ? example.url : '')).text()).toContain('Name: Kim');
    } finally {
      await server.close();
    }
  });

  test('the Try URL also finds an email held only in an extra email column', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'extra-')), 'contacts.csv');
    writeFileSync(file, 'Name,Email,Other email\nPat,,pat@example.com\n');
    writeFileSync(settingsFileFor(file), 'Setting,Value\nExtra email columns,Other email\n');
    const { server } = await serving(file);
    try {
      const example = server.tryLookup();
      expect(example).toEqual({ url: `${server.execUrl}?key=${server.key}&email=pat%40example.com` });
      expect(await (await fetch('url' in example ? example.url : '')).text()).toContain('Name: Pat');
    } finally {
      await server.close();
    }
  });

  test.each([
    [
      'a contacts tab with no email in it',
      'Name,Email\nPat,\nKim,not an email\n',
      /^the tab "Contacts" holds no email in "Email"/,
    ],
    ['a contacts tab with no email column', 'Name,Phone\nPat,123\n', /^the app finds no contacts: /],
  ])('no Try URL for %s, but the reason', async (_name, csv, reason) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'empty-')), 'contacts.csv');
    writeFileSync(file, csv);
    const { server } = await serving(file);
    try {
      const example = server.tryLookup();
      expect(example).toEqual({ nothing: expect.stringMatching(reason) });
      expect(tryLine(example)).toMatch(/^Nothing to try yet: .+[^.]\.$/);
      expect(tryLine(example)).not.toContain('…');
    } finally {
      await server.close();
    }
  });
});

describe('direct mode (--direct), and redirect mode followed by a client', () => {
  test('--direct answers without the redirect', async () => {
    const server = await startServer({ port: 0, sheet: sheetCopy(), redirect: false, log: () => undefined });
    try {
      const raw = await fetch(`${server.execUrl}?key=${server.key}&${SEED_QUERY}`, { redirect: 'manual' });
      expect(raw.status).toBe(200);
      expect(await raw.text()).toContain('Name: Test Visitor');
    } finally {
      await server.close();
    }
  });

  test('a 302 to a one-time content URL that a client follows, for GET and POST', async () => {
    const server = await startServer({ port: 0, sheet: sheetCopy(), redirect: true, log: () => undefined });
    try {
      const url = `${server.execUrl}?key=${server.key}&${SEED_QUERY}`;
      const raw = await fetch(url, { redirect: 'manual' });
      expect(raw.status).toBe(302);
      const location = raw.headers.get('location')!;
      expect(location).toMatch(/^\/macros\/echo\?user_content_key=\w+$/);
      const origin = new URL(server.execUrl).origin;
      expect(await (await fetch(origin + location)).text()).toContain('Name: Test Visitor');
      expect((await fetch(origin + location)).status).toBe(404);
      expect(await (await fetch(url)).text()).toContain('Name: Test Visitor');
      const post = await fetch(server.execUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `key=${server.key}&${SEED_QUERY}`,
      });
      expect(post.redirected).toBe(true);
      expect(await post.text()).toContain('Name: Test Visitor');
    } finally {
      await server.close();
    }
  });
});

describe('failures give one line', () => {
  test('a port in use', async () => {
    const first = await startServer({ port: 0, sheet: sheetCopy(), log: () => undefined });
    try {
      const port = Number(new URL(first.execUrl).port);
      await expect(startServer({ port, sheet: sheetCopy() })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });

  test('an unreadable sheet', async () => {
    await expect(startServer({ port: 0, sheet: '/nonexistent/contacts.csv' })).rejects.toThrow(
      'cannot read the sheet /nonexistent/contacts.csv: no such file',
    );
    const file = sheetCopy();
    chmodSync(file, 0o000);
    if (process.getuid?.() !== 0)
      await expect(startServer({ port: 0, sheet: file })).rejects.toThrow('permission denied');
    await expect(startServer({ port: 0, sheet: path.join(path.dirname(file), 'x.txt') })).rejects.toThrow(
      'expected a .csv or .xlsx file',
    );
  });
});

describe('.xlsx downloads', () => {
  test('every tab becomes a sheet, with its number formats and hidden columns', async () => {
    const workbook = new ExcelJS.Workbook();
    const other = workbook.addWorksheet('Notes');
    other.addRow(['Nothing', 'here']);
    const contacts = workbook.addWorksheet('Contacts');
    contacts.addRow(['Name', 'Email', 'Since', 'Value', 'Share', 'Secret']);
    contacts.addRow(['Jane', 'jane@example.com', new Date(Date.UTC(2024, 2, 15)), 1234.5, 0.125, 'hidden!']);
    contacts.getCell('C2').numFmt = 'dd mmm yyyy';
    contacts.getCell('D2').numFmt = '"€"#,##0.00';
    contacts.getCell('E2').numFmt = '0.0%';
    contacts.getColumn(6).hidden = true;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'xlsx-')), 'contacts.xlsx');
    await workbook.xlsx.writeFile(file);

    const server = await startServer({ port: 0, sheet: file, log: () => undefined });
    try {
      expect(server.runtime.spreadsheet.sheets.map((s) => s.getName())).toEqual(['Notes', 'Contacts', 'Settings']);
      const text = await (await fetch(`${server.execUrl}?key=${server.key}&email=jane%40example.com`)).text();
      expect(text).toBe('Name: Jane\nEmail: jane@example.com\nSince: 15 Mar 2024\nValue: €1,234.50\nShare: 12.5%');
    } finally {
      await server.close();
    }
  });
});
