import {
  finishAnswer,
  leftOut,
  renderMatches,
  renderNoMatch,
  unknownPlaceholders,
} from '../../../src/core/lookup/format';
import { AGENT } from '../../../src/core/messages';
import { Layout } from '../../../src/core/state/layout';
import { defaultSettings, Settings } from '../../../src/core/state/settings';

const layout: Layout = {
  tab: 'Contacts',
  headers: ['Name', 'Email', '_Internal', 'Plan', 'Notes', 'Hidden'],
  emailColumns: [1],
  visibleColumns: [0, 1, 3, 4],
};
const settings = (over: Partial<Settings> = {}): Settings => ({ ...defaultSettings(), ...over });
const jane = ['Jane Roe', 'jane@example.com', 'secret', 'Pro', '', 'hidden'];

describe('renderMatches', () => {
  test('one "Header: value" line per non-empty visible cell, in column order', () => {
    expect(renderMatches([jane], layout, settings(), 'jane@example.com')).toBe(
      'Name: Jane Roe\nEmail: jane@example.com\nPlan: Pro',
    );
  });

  test('several matches are each headed', () => {
    const text = renderMatches(
      [jane, ['Jane Two', 'jane@example.com', '', 'Free', '', '']],
      layout,
      settings(),
      'jane@example.com',
    );
    expect(text).toBe(
      'Match 1 of 2\nName: Jane Roe\nEmail: jane@example.com\nPlan: Pro\n\nMatch 2 of 2\nName: Jane Two\nEmail: jane@example.com\nPlan: Free',
    );
  });

  test('matches beyond Max matches are counted, not shown', () => {
    const rows = Array.from({ length: 7 }, (_, i) => [`P${i}`, 'x@y.co', '', '', '', '']);
    const text = renderMatches(rows, layout, settings({ maxMatches: 2 }), 'x@y.co');
    expect(text).toBe(
      'Match 1 of 7\nName: P0\nEmail: x@y.co\n\nMatch 2 of 7\nName: P1\nEmail: x@y.co\n\n5 more matches not shown.',
    );
  });

  test('multi-line cells stay under their header; controls and invisible reordering go', () => {
    const row = ['Jane\u202E evil', 'j@x.co', '', 'Pro\u0007', 'line 1\r\nline 2\rline 3', ''];
    expect(renderMatches([row], layout, settings(), 'j@x.co')).toBe(
      'Name: Jane evil\nEmail: j@x.co\nPlan: Pro\nNotes: line 1\n  line 2\n  line 3',
    );
  });

  test('a template replaces the layout; placeholders match headers in any case and spacing', () => {
    const template = '{{ name }} ({{PLAN}}) <{{email}}> {{_Internal}}{{Hidden}}{{Nope}}';
    expect(renderMatches([jane], layout, settings({ answerTemplate: template }), 'jane@example.com')).toBe(
      'Jane Roe (Pro) <jane@example.com> ',
    );
  });

  test('the answer is capped with a visible marker', () => {
    const long = ['N', 'n@x.co', '', 'x'.repeat(5000), '', ''];
    const text = renderMatches([long], layout, settings({ maxAnswerLength: 200 }), 'n@x.co');
    expect(text).toHaveLength(200);
    expect(text.endsWith(AGENT.shortened)).toBe(true);
  });
});

describe('finishAnswer', () => {
  test('never splits a surrogate pair when cutting', () => {
    const text = finishAnswer('😀'.repeat(300), 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(() => encodeURIComponent(text)).not.toThrow();
  });

  test('leaves only newline and tab among controls', () => {
    expect(finishAnswer('a\u0000b\tc\r\nd\u001be\u0085f\u2028g', 100)).toBe('ab\tc\nde' + 'f\ng');
  });
});

describe('renderNoMatch', () => {
  test('default, custom and empty texts', () => {
    expect(renderNoMatch(settings(), 'jane@example.com')).toBe('No contact found for jane@example.com');
    expect(renderNoMatch(settings({ noMatchText: 'Unknown visitor {{ EMAIL }} {{Name}}' }), 'a@b.co')).toBe(
      'Unknown visitor a@b.co ',
    );
    expect(renderNoMatch(settings({ noMatchText: '' }), 'a@b.co')).toBe('');
  });
});

test('unknownPlaceholders names placeholders with no visible column', () => {
  expect(unknownPlaceholders('{{Name}} {{_internal}} {{hidden}} {{email}} {{Nope}} {{nope}}', layout)).toEqual([
    '_internal',
    'hidden',
    'nope',
  ]);
});

describe("a returning visitor's history", () => {
  const history = { count: 3, lastDate: '2026-11-02', lastAgent: 'Anna', lastDescription: 'refund for\norder 991' };
  const layout = { tab: 'Contacts', headers: ['Name', 'Email'], emailColumns: [1], visibleColumns: [0, 1] };
  const settings = { ...defaultSettings() };

  test('ends the answer on one line, after every match', () => {
    expect(renderMatches([['Jane', 'j@x.co']], layout, settings, 'j@x.co', history)).toBe(
      'Name: Jane\nEmail: j@x.co\nChats: 3 · last 2026-11-02 with Anna: refund for order 991',
    );
    expect(renderNoMatch(settings, 'j@x.co', history)).toBe(
      'No contact found for j@x.co\nChats: 3 · last 2026-11-02 with Anna: refund for order 991',
    );
    expect(renderNoMatch({ ...settings, noMatchText: '' }, 'j@x.co', history)).toBe(
      'Chats: 3 · last 2026-11-02 with Anna: refund for order 991',
    );
  });

  test('leaves out what is blank, and shortens a long description', () => {
    const bare = { count: 1, lastDate: '2026-11-02', lastAgent: '', lastDescription: 'x'.repeat(500) };
    const line = renderNoMatch({ ...settings, noMatchText: '' }, 'j@x.co', bare);
    expect(line).toBe(`Chats: 1 · last 2026-11-02: ${'x'.repeat(119)}…`);
  });

  test('placeholders of a template; unknown ones are reported, history ones are not', () => {
    const template = '{{Name}}: {{chat count}} chats, last {{last chat date}} ({{last chat description}})';
    expect(
      renderMatches([['Jane', 'j@x.co']], layout, { ...settings, answerTemplate: template }, 'j@x.co', history),
    ).toBe('Jane: 3 chats, last 2026-11-02 (refund for order 991)');
    expect(renderMatches([['Jane', 'j@x.co']], layout, { ...settings, answerTemplate: template }, 'j@x.co')).toBe(
      'Jane:  chats, last  ()',
    );
    expect(unknownPlaceholders('{{chat history}} {{Plan}}', layout)).toEqual(['plan']);
  });
});

describe('leftOut (Test a lookup)', () => {
  test('names only unseen columns that hold a value in a shown match, and the matches not shown', () => {
    const other = ['Jane Two', 'jane@example.com', '', 'Free', '', 'also hidden'];
    expect(leftOut([jane, other], layout, settings({ maxMatches: 1 }))).toEqual([
      'hidden columns: Hidden',
      'columns starting with _: _Internal',
      '1 more match beyond Max matches (1)',
    ]);
    expect(leftOut([other], layout, settings())).toEqual(['hidden columns: Hidden']);
    expect(leftOut([['Jo', 'jo@example.com', '', '', '', '']], layout, settings())).toEqual([]);
  });
});
