/**
 * A JSON body checked in one pass, without recursion and without JSON.parse: whether it is a JSON
 * object, whether it nests deeper than MAX_JSON_DEPTH, and its top-level members in the order
 * written, duplicates included (JSON.parse keeps only the last of two members with one name).
 * This is all a request needs before its key is checked: anything heavier waits for the right key,
 * and JSON.parse only ever sees a body already known to be shallow.
 */

/** SnapEngage's chats nest four levels; a body deeper than this is not one of theirs. */
export const MAX_JSON_DEPTH = 32;

export interface JsonMember {
  name: string;
  /** The value's JSON text, as written. */
  raw: string;
}

export type JsonScan =
  { ok: true; members: JsonMember[] } | { ok: false; problem: 'notJson' | 'notObject' | 'tooDeep' };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;
const HEX4 = /[0-9a-fA-F]{4}/y;

/** The index just past the string starting at `start` (a quote), or -1 when it is not a valid JSON string. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -1;
    if (code !== 0x5c) continue;
    const escaped = text[++i];
    if (escaped === 'u') {
      HEX4.lastIndex = i + 1;
      if (!HEX4.test(text)) return -1;
      i += 4;
    } else if (!escaped || !'"\\/bfnrt'.includes(escaped)) return -1;
  }
  return -1;
}

function tokenEnd(pattern: RegExp, text: string, start: number): number {
  pattern.lastIndex = start;
  return pattern.test(text) ? pattern.lastIndex : -1;
}

const isSpace = (code: number) => code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;

/**
 * Scans `text` once. The only state is a stack of open containers, at most MAX_JSON_DEPTH long, so
 * any body costs time in proportion to its length and nothing more.
 */
export function scanJsonObject(text: string): JsonScan {
  const open: ('{' | '[')[] = [];
  const members: JsonMember[] = [];
  // What may come next: a value, a member name, the colon after it, or a comma or the container's end.
  let expecting: 'value' | 'name' | 'colon' | 'next' = 'value';
  // Right after an opening bracket the container may end at once.
  let justOpened = false;
  let name = '';
  let valueStart = -1;
  let done = false;
  const endValue = (end: number) => {
    if (open.length === 1 && valueStart >= 0) members.push({ name, raw: text.slice(valueStart, end) });
    if (open.length === 1) valueStart = -1;
    expecting = 'next';
    if (open.length === 0) done = true;
  };
  for (let i = 0; i < text.length;) {
    const char = text[i];
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    if (done) return { ok: false, problem: 'notJson' };
    const top = open[open.length - 1];
    if (justOpened && (char === '}' || char === ']') && char === (top === '{' ? '}' : ']')) {
      justOpened = false;
      open.pop();
      i++;
      endValue(i);
      continue;
    }
    justOpened = false;
    if (expecting === 'value') {
      if (open.length === 1 && top === '{') valueStart = i;
      if (char === '{' || char === '[') {
        if (open.length === 0 && char === '[') return scanRest(text);
        if (open.length >= MAX_JSON_DEPTH) return { ok: false, problem: 'tooDeep' };
        open.push(char);
        expecting = char === '{' ? 'name' : 'value';
        justOpened = true;
        i++;
        continue;
      }
      const end =
        char === '"'
          ? stringEnd(text, i)
          : char === '-' || /\d/.test(char)
            ? tokenEnd(NUMBER, text, i)
            : tokenEnd(LITERAL, text, i);
      if (end < 0) return { ok: false, problem: 'notJson' };
      if (open.length === 0) return scanRest(text);
      i = end;
      endValue(i);
    } else if (expecting === 'name') {
      const end = char === '"' ? stringEnd(text, i) : -1;
      if (end < 0) return { ok: false, problem: 'notJson' };
      if (open.length === 1) name = JSON.parse(text.slice(i, end)) as string;
      i = end;
      expecting = 'colon';
    } else if (expecting === 'colon') {
      if (char !== ':') return { ok: false, problem: 'notJson' };
      i++;
      expecting = 'value';
    } else if (char === ',') {
      i++;
      expecting = top === '{' ? 'name' : 'value';
    } else if (char === (top === '{' ? '}' : ']')) {
      open.pop();
      i++;
      endValue(i);
    } else return { ok: false, problem: 'notJson' };
  }
  return done ? { ok: true, members } : { ok: false, problem: 'notJson' };
}

/**
 * A body that is not an object: "must be an object" if it is valid JSON at all, else "not JSON".
 * Checked as an array of it, which the scanner reads as an object's only member would be.
 */
function scanRest(text: string): JsonScan {
  const scanned = scanJsonObject(`{"":${text}}`);
  return { ok: false, problem: scanned.ok ? 'notObject' : scanned.problem };
}

/**
 * The first name given twice with different values, for a body already scanned (so no value nests
 * deeper than MAX_JSON_DEPTH).
 */
export function differingRepeat(members: JsonMember[]): string | undefined {
  const seen = new Map<string, string>();
  for (const { name, raw } of members) {
    // Parsed and written again, so "a" and "\u0061" are the same value.
    const json = JSON.stringify(JSON.parse(raw));
    if ((seen.get(name) ?? json) !== json) return name;
    seen.set(name, json);
  }
  return;
}
