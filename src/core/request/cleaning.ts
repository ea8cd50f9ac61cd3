/**
 * One cleaning for every text the app takes in (query and form parameters, JSON members, every
 * field of a chat), applied once where the request is read, before anything is compared, stored,
 * logged or shown. FIELD_RULES is the table, per field, of what is kept and how long it may be;
 * SECURITY.md shows the same table (a test keeps them equal).
 *
 * - email: format characters (Unicode Cf: zero-width, soft hyphen, bidi controls, tags), the tag
 *   block and lone surrogates removed, then trimmed and lower-cased, so the same visitor is the
 *   same key in lookups, chats and the sheet's own cells. What still holds a control character is
 *   refused by the caller, not cleaned: such an address is not one anybody typed.
 * - line (names, aliases, case IDs, IP, URLs, notes): control, format, tag and lone-surrogate
 *   characters removed, every run of whitespace one space, trimmed. U+200C and U+200D stay between
 *   two letters, marks, digits or symbols: Persian and Indic text and joined emoji need them.
 * - text (descriptions, transcripts): the same, keeping line breaks (all folded into \n) and tabs.
 */
import { capLength, INVISIBLE_CHARS } from '../text';

export type TextKind = 'email' | 'line' | 'text';

export interface FieldRule {
  /** Where the field comes from, as SnapEngage names it. */
  sentAs: string;
  kind: TextKind;
  /** Longest value kept, in UTF-16 units, after cleaning. */
  max: number;
  /** What happens to a longer value: the request is refused (nothing written), or the value is cut (marked …). */
  over: 'refused' | 'cut';
}

/** A Sheets cell holds at most 50,000 characters. */
export const CELL_LIMIT = 50_000;

export const FIELD_RULES = {
  email: { sentAs: 'email (lookup), requested_by (chat)', kind: 'email', max: 254, over: 'refused' },
  ip: { sentAs: 'ip (lookup)', kind: 'line', max: 64, over: 'cut' },
  url: { sentAs: 'url (lookup)', kind: 'line', max: 2048, over: 'cut' },
  lookupCaseId: { sentAs: 'caseId (lookup)', kind: 'line', max: 128, over: 'cut' },
  chatCaseId: { sentAs: 'id (chat)', kind: 'line', max: 1000, over: 'refused' },
  visitorName: { sentAs: 'requester_details.name (chat)', kind: 'line', max: 256, over: 'cut' },
  chatType: { sentAs: 'type (chat)', kind: 'line', max: 64, over: 'cut' },
  agent: { sentAs: 'transcripts[].alias, transcripts[].id (chat)', kind: 'line', max: 256, over: 'cut' },
  pageUrl: { sentAs: 'page_url (chat)', kind: 'line', max: 2048, over: 'cut' },
  caseUrl: { sentAs: 'url (chat)', kind: 'line', max: 2048, over: 'cut' },
  note: { sentAs: 'operator_variables[].name, .value (chat)', kind: 'line', max: 1000, over: 'cut' },
  number: {
    sentAs: 'chat_waittime, chat_duration, created_at_seconds, created_at_date (chat)',
    kind: 'line',
    max: 64,
    over: 'cut',
  },
  description: { sentAs: 'description (chat)', kind: 'text', max: CELL_LIMIT, over: 'cut' },
  message: { sentAs: 'transcripts[].message (chat)', kind: 'text', max: CELL_LIMIT, over: 'cut' },
} as const satisfies Record<string, FieldRule>;

export type Field = keyof typeof FIELD_RULES;

/** Like INVISIBLE_CHARS (text.ts: format characters, the tag block, lone surrogates), but the two joiners are left for JOINER_OUTSIDE_WORD to judge. */
const INVISIBLE_BUT_JOINERS = /(?![\u200c\u200d])[\p{Cf}\u{E0000}-\u{E007F}\p{Cs}]/gu;
/** A joiner not between two letters, marks, digits or symbols (emoji are symbols). */
const JOINER_OUTSIDE_WORD = /(?<![\p{L}\p{M}\p{N}\p{S}])[\u200c\u200d]|[\u200c\u200d](?![\p{L}\p{M}\p{N}\p{S}])/gu;
/** Every line break Unicode knows, \r\n as one. */
const LINE_BREAK = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
/** C0 and C1 controls but the line break and the tab. */
const CONTROL_BUT_BREAKS = /(?![\n\t])[\u0000-\u001f\u007f-\u009f]/g;

/** True when text holds a C0 or C1 control character. */
export const hasControlChars = (text: string): boolean => /[\u0000-\u001f\u007f-\u009f]/.test(text);

/** How emails are compared everywhere: invisible characters removed, trimmed, lower-cased. */
export function cleanEmail(text: string): string {
  return text.replace(INVISIBLE_CHARS, '').trim().toLowerCase();
}

/**
 * Controls and invisible characters out, whitespace runs one space. Joiners are judged once
 * everything else is final, so a second cleaning changes nothing.
 */
function cleanVisible(text: string, multiLine: boolean): string {
  const kept = text.replace(LINE_BREAK, '\n').replace(INVISIBLE_BUT_JOINERS, '').replace(CONTROL_BUT_BREAKS, '');
  const spaced = multiLine ? kept.replace(/[^\S\n\t]/g, ' ') : kept.replace(/\s/g, ' ');
  return spaced.replace(JOINER_OUTSIDE_WORD, '').replace(/ +/g, ' ').trim();
}

/** Multi-line text (descriptions, transcripts): line breaks as \n and tabs kept. */
export const cleanText = (text: string): string => cleanVisible(text, true);

/** One line (names, aliases, case IDs, IP, URLs, notes): line breaks and tabs become spaces. */
export const cleanLine = (text: string): string => cleanVisible(text, false);

const CLEANERS: Record<TextKind, (text: string) => string> = { email: cleanEmail, line: cleanLine, text: cleanText };

type FieldsWhere<Over> = { [K in Field]: (typeof FIELD_RULES)[K]['over'] extends Over ? K : never }[Field];

/** A field whose longer values are cut (marked …), cleaned by its rule. */
export function cleanCut(field: FieldsWhere<'cut'>, text: string): string {
  const { kind, max } = FIELD_RULES[field];
  return capLength(CLEANERS[kind](text), max, '…');
}

/** A field whose longer values refuse the request, cleaned by its rule; undefined when too long. */
export function cleanOrRefuse(field: Exclude<FieldsWhere<'refused'>, 'email'>, text: string): string | undefined {
  const { kind, max } = FIELD_RULES[field];
  const value = CLEANERS[kind](text);
  return value.length <= max ? value : undefined;
}
