/**
 * Regular expressions as Sheets' search reads them: RE2 syntax (https://github.com/google/re2/wiki/Syntax;
 * Sheets' own regular-expression functions document RE2, https://support.google.com/docs/answer/3098292),
 * translated to a JavaScript RegExp for the fakes. What differs from JavaScript is translated:
 * \s \d \w \b are ASCII-only in RE2, \x{10FFFF} is RE2's hex escape, any punctuation may be escaped.
 * What RE2 lacks throws, as an invalid pattern throws on Google: lookaround, backreferences,
 * possessive and atomic groups, \u escapes. Unicode classes (\p{…}) throw too: Sheets documents
 * that it does not support Unicode character class search.
 */

const ASCII_CLASSES: Record<string, string> = {
  s: '\\t\\n\\f\\r ',
  d: '0-9',
  w: '0-9A-Za-z_',
};

/** Characters that a JavaScript "u" pattern lets (and needs) a backslash before. */
const JS_SYNTAX = '^$\\.*+?()[]{}|/-';

function invalid(pattern: string, why: string): Error {
  return new Error(`Invalid regular expression: /${pattern}/: ${why}`);
}

function literal(char: string): string {
  return JS_SYNTAX.includes(char) ? `\\${char}` : char;
}

/** One escape sequence at `at` (the backslash), translated; `inClass` inside [...]. */
function escape(pattern: string, at: number, inClass: boolean): [string, number] {
  const c = pattern[at + 1];
  if (c === undefined) throw invalid(pattern, 'trailing backslash');
  const lower = c.toLowerCase();
  if (lower in ASCII_CLASSES) {
    const set = ASCII_CLASSES[lower];
    if (c === lower) return [inClass ? set : `[${set}]`, at + 2];
    if (inClass) throw invalid(pattern, `\\${c} inside a class is not translated by the fake`);
    return [`[^${set}]`, at + 2];
  }
  if (c === 'b' || c === 'B') {
    if (inClass) throw invalid(pattern, `\\${c} inside a class`);
    // RE2's word boundary is ASCII, as JavaScript's is without the "u" flag's case folding.
    return [`\\${c}`, at + 2];
  }
  if (c === 'x') {
    const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(at + 2));
    if (braced) return [`\\u{${braced[1]}}`, at + 2 + braced[0].length];
    const two = /^[0-9A-Fa-f]{2}/.exec(pattern.slice(at + 2));
    if (two) return [`\\x${two[0]}`, at + 4];
    throw invalid(pattern, 'bad \\x escape');
  }
  if ('ntfrv'.includes(c)) return [`\\${c}`, at + 2];
  if (c === 'A') return ['^', at + 2];
  if (c === 'z') return ['$', at + 2];
  if (/[pPuk0-9]/.test(c)) throw invalid(pattern, `\\${c} is not supported`);
  if (/[A-Za-z]/.test(c)) throw invalid(pattern, `unknown escape \\${c}`);
  // Any other escaped character stands for itself.
  return [literal(c), at + 2];
}

/** The JavaScript source for an RE2 pattern (to be compiled with the "u" flag). */
export function re2ToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let at = 0; at < pattern.length;) {
    const c = pattern[at];
    if (c === '\\') {
      const [piece, next] = escape(pattern, at, inClass);
      out += piece;
      at = next;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c === '[' || c === '/' ? `\\${c}` : c;
      at++;
    } else if (c === '[') {
      inClass = true;
      out += c;
      at++;
      if (pattern[at] === '^') {
        out += '^';
        at++;
      }
      if (pattern[at] === ']') {
        out += '\\]';
        at++;
      }
    } else if (c === '(' && pattern[at + 1] === '?') {
      const rest = pattern.slice(at);
      if (rest.startsWith('(?:')) {
        out += '(?:';
        at += 3;
      } else if (rest.startsWith('(?P<') || /^\(\?<[A-Za-z]/.test(rest)) {
        const name = /^\(\?P?<([A-Za-z_]\w*)>/.exec(rest);
        if (!name) throw invalid(pattern, 'bad group name');
        out += `(?<${name[1]}>`;
        at += name[0].length;
      } else throw invalid(pattern, `unsupported group ${rest.slice(0, 4)}`);
    } else {
      out += c === '/' ? '\\/' : c;
      at++;
    }
  }
  if (inClass) throw invalid(pattern, 'missing ]');
  try {
    new RegExp(out, 'u');
  } catch (err) {
    throw invalid(pattern, (err as Error).message);
  }
  return out;
}
