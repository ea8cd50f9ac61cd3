/**
 * Web-app event objects built the way Apps Script builds them
 * (https://developers.google.com/apps-script/guides/web#request_parameters): `parameter` keeps the
 * first value of each name, `parameters` every value, `queryString` the raw query, and for POST,
 * `postData` holds the raw body while form-encoded fields join the parameters.
 */

export interface WebEvent {
  queryString: string;
  parameter: Record<string, string>;
  parameters: Record<string, string[]>;
  pathInfo?: string;
  contextPath: string;
  contentLength: number;
  postData?: { length: number; type: string; contents: string; name: string };
}

/** application/x-www-form-urlencoded decoding; malformed escapes are kept as written. */
function decodeFormComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function parseFormEncoded(text: string): [string, string][] {
  if (!text) return [];
  return text
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq < 0
        ? [decodeFormComponent(part), '']
        : [decodeFormComponent(part.slice(0, eq)), decodeFormComponent(part.slice(eq + 1))];
    });
}

function collect(pairs: [string, string][]): Pick<WebEvent, 'parameter' | 'parameters'> {
  const parameter: Record<string, string> = {};
  const parameters: Record<string, string[]> = {};
  for (const [name, value] of pairs) {
    if (!Object.prototype.hasOwnProperty.call(parameters, name)) {
      parameters[name] = [];
      parameter[name] = value;
    }
    parameters[name].push(value);
  }
  return { parameter, parameters };
}

/** An event from already-decoded pairs, for tests that generate parameters no URL could carry. */
export function eventFromPairs(pairs: [string, string][], queryString = ''): WebEvent {
  return { queryString, ...collect(pairs), contextPath: '', contentLength: -1 };
}

export function getEvent(queryString: string, pathInfo?: string): WebEvent {
  return { queryString, ...collect(parseFormEncoded(queryString)), pathInfo, contextPath: '', contentLength: -1 };
}

export function postEvent(queryString: string, body: string, contentType: string, pathInfo?: string): WebEvent {
  const form = contentType.toLowerCase().startsWith('application/x-www-form-urlencoded');
  const pairs = [...parseFormEncoded(queryString), ...(form ? parseFormEncoded(body) : [])];
  const length = Buffer.byteLength(body, 'utf8');
  return {
    queryString,
    ...collect(pairs),
    pathInfo,
    contextPath: '',
    contentLength: length,
    postData: { length, type: contentType, contents: body, name: 'postData' },
  };
}
