/**
 * Text hygiene shared by everything that reaches an agent or a log.
 */

// C0 and C1 controls except tab (\t) and newline (\n); carriage returns are folded into newlines first.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Every format character (Unicode category Cf: bidi controls, zero-width characters, soft hyphen,
// invisible operators, the byte-order mark, tag characters that can carry hidden text...), the whole
// tag block U+E0000-U+E007F, and lone surrogates, which are not characters at all.
export const INVISIBLE_CHARS = /[\p{Cf}\u{E0000}-\u{E007F}\p{Cs}]/gu;
const LINE_BREAKS = /\r\n|\r|\u2028|\u2029/g;

/** Plain, inert text: newlines normalised to \n, no controls but \n and \t, no invisible characters. */
export function sanitizeText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROL_CHARS, '').replace(INVISIBLE_CHARS, '');
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut. */
export function capLength(text: string, max: number, marker: string): string {
  if (text.length <= max) return text;
  // A high surrogate left alone at the cut goes with the rest of its pair.
  return text.slice(0, Math.max(0, max - marker.length)).replace(/[\ud800-\udbff]$/, '') + marker.slice(0, max);
}

/** A time for admins: 2026-11-30 14:05 UTC; unknown stays unknown. */
export function utcMinute(ms: number): string;
export function utcMinute(ms: number | undefined): string | undefined;
export function utcMinute(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Case- and spacing-insensitive form of a header or setting name. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
