/**
 * Text hygiene shared by everything that reaches an agent or a log.
 */

// C0 and C1 controls except tab (\t) and newline (\n); carriage returns are folded into newlines first.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// Invisible characters that can reorder or hide text in the agent's panel: bidi embeddings,
// overrides and isolates, zero-width space, word joiner and the byte-order mark.
// ZWJ/ZWNJ (U+200C, U+200D) stay: emoji sequences and Persian or Indic names need them.
const INVISIBLE_CHARS = /[\u200B\u200E\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;
const LINE_BREAKS = /\r\n|\r|\u2028|\u2029/g;

const ANY_CONTROL_CHAR = /[\u0000-\u001F\u007F-\u009F]/;

/** True when text holds any control character, tab and newline included (none belongs in a parameter). */
export function hasControlChars(text: string): boolean {
  return ANY_CONTROL_CHAR.test(text);
}

/** Plain, inert text: newlines normalised to \n, no controls but \n and \t, no invisible reordering. */
export function sanitizeText(text: string): string {
  return text.replace(LINE_BREAKS, '\n').replace(CONTROL_CHARS, '').replace(INVISIBLE_CHARS, '');
}

/** Cuts text to at most `max` UTF-16 units without splitting a surrogate pair, marking the cut. */
export function capLength(text: string, max: number, marker: string): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - marker.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + marker.slice(0, max);
}

/** Case- and spacing-insensitive form of a header or setting name. */
export function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
