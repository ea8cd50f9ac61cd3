/**
 * The members of a JSON object in the order written, duplicates included. JSON.parse keeps only the
 * last of two members with the same name; a request that names a field twice must be seen as such.
 */

const WHITESPACE = /[ \t\n\r]/;

function skipWhitespace(text: string, at: number): number {
  while (at < text.length && WHITESPACE.test(text[at])) at++;
  return at;
}

/** The index just past a string literal starting at `at` (its opening quote). */
function endOfString(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** The index just past the value starting at `at`: a string, an array or object, or a literal. */
function endOfValue(text: string, at: number): number {
  if (text[at] === '"') return endOfString(text, at);
  let depth = 0;
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = endOfString(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (c === ',' && depth === 0) return i;
  }
  return text.length;
}

/**
 * [name, value] for each member of the object `text` holds. `text` must already have passed
 * JSON.parse as an object; each value is parsed on its own.
 */
export function jsonMembers(text: string): [string, unknown][] {
  const members: [string, unknown][] = [];
  let at = skipWhitespace(text, 0) + 1; // past "{"
  for (;;) {
    at = skipWhitespace(text, at);
    if (text[at] !== '"') return members; // "}" of an empty object
    const nameEnd = endOfString(text, at);
    const name = JSON.parse(text.slice(at, nameEnd)) as string;
    at = skipWhitespace(text, nameEnd) + 1; // past ":"
    at = skipWhitespace(text, at);
    const valueEnd = endOfValue(text, at);
    members.push([name, JSON.parse(text.slice(at, valueEnd))]);
    at = skipWhitespace(text, valueEnd);
    if (text[at] !== ',') return members;
    at++;
  }
}
