/**
 * The members of a JSON object in the order written, duplicates included. JSON.parse keeps only the
 * last of two members with the same name; a request that names a field twice must be seen as such.
 */

/** Strings (a run of plain characters per step, so long strings stay cheap) and punctuation. */
const TOKENS = /"(?:[^"\\]+|\\.)*"|[{}[\],:]/g;

/**
 * [name, value] for each member of the object `text` holds. `text` must already have passed
 * JSON.parse as an object; each value is parsed on its own.
 */
export function jsonMembers(text: string): [string, unknown][] {
  const members: [string, unknown][] = [];
  let depth = 0;
  let name = '';
  let valueStart = -1;
  for (const { 0: token, index } of text.matchAll(TOKENS)) {
    if (depth === 1 && valueStart >= 0 && (token === ',' || token === '}')) {
      members.push([name, JSON.parse(text.slice(valueStart, index))]);
      valueStart = -1;
    }
    if (token === '{' || token === '[') depth++;
    else if (token === '}' || token === ']') depth--;
    else if (depth === 1 && token === ':') valueStart = index + 1;
    else if (depth === 1 && valueStart < 0 && token !== ',') name = JSON.parse(token) as string;
  }
  return members;
}
