/**
 * Turns an Apps Script web-app event into the fields SnapEngage sends, or a plain-text complaint.
 * Event shape: https://developers.google.com/apps-script/guides/web#request_parameters
 */
import { REQUEST } from './messages';

export interface WebAppEvent {
  parameter?: Record<string, string>;
  parameters?: Record<string, string[]>;
  queryString?: string;
  postData?: { contents: string; length: number; type: string; name?: string };
}

export interface LookupRequest {
  /** As sent; checked and normalised later, after the access key. */
  email?: string;
  key?: string;
  ip: string;
  url: string;
  caseId: string;
  /** A health check: no key needed, answers only the running version. */
  status: boolean;
}

export type ParsedRequest = { ok: true; request: LookupRequest } | { ok: false; error: string };

export const MAX_BODY_BYTES = 16 * 1024;
const FIELDS = ['email', 'key', 'ip', 'url', 'caseId', 'status'] as const;
type Field = (typeof FIELDS)[number];
/** ip, url and caseId are only ever logged: they are shortened rather than refused. */
const LOGGED_FIELD_MAX = { ip: 64, url: 2048, caseId: 128 } as const;

function repeated(field: string): ParsedRequest {
  return { ok: false, error: REQUEST.repeated(field) };
}

function readJsonBody(contents: string): Record<string, unknown> | string {
  let body: unknown;
  try {
    body = JSON.parse(contents);
  } catch {
    return REQUEST.notJson;
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return REQUEST.jsonNotObject;
  }
  return body as Record<string, unknown>;
}

function isForm(type: string): boolean {
  return type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data');
}

/**
 * A caller that leaves "+" unencoded (jane+chat@example.com) gets it decoded as a space by the
 * form-decoding of e.parameter. An address has no spaces, so the raw query (or form body) is read again,
 * strictly: a space that was "+" there becomes "+" again. Anything else is left to the email check.
 */
function plusRestored(email: string, encoded: string): string {
  const raw = encoded.split(/[&?]/).find((part) => part.startsWith('email='));
  if (!raw || !raw.includes('+')) return email;
  try {
    const strict = decodeURIComponent(raw.slice('email='.length));
    return strict.replace(/\+/g, ' ') === email ? strict : email;
  } catch {
    return email;
  }
}

export function parseRequest(event: WebAppEvent | undefined): ParsedRequest {
  const fields: Partial<Record<Field, string>> = {};
  const parameters = event?.parameters ?? {};
  const parameter = event?.parameter ?? {};
  for (const field of FIELDS) {
    const values = Object.prototype.hasOwnProperty.call(parameters, field) ? parameters[field] : undefined;
    if (values && values.length > 1) return repeated(field);
    const value = Object.prototype.hasOwnProperty.call(parameter, field) ? parameter[field] : undefined;
    if (typeof value === 'string') fields[field] = value;
  }

  const post = event?.postData;
  if (post && post.contents !== '') {
    if (post.length > MAX_BODY_BYTES || post.contents.length > MAX_BODY_BYTES) {
      return { ok: false, error: REQUEST.bodyTooLarge(MAX_BODY_BYTES / 1024) };
    }
    const type = (post.type || '').toLowerCase();
    // Form bodies are already merged into e.parameter by Apps Script.
    if (!isForm(type)) {
      if (!type.includes('json') && !post.contents.trim().startsWith('{')) {
        return { ok: false, error: REQUEST.unsupportedBody };
      }
      const body = readJsonBody(post.contents);
      if (typeof body === 'string') return { ok: false, error: body };
      for (const field of FIELDS) {
        if (!Object.prototype.hasOwnProperty.call(body, field)) continue;
        const value = body[field];
        if (typeof value !== 'string') return { ok: false, error: REQUEST.fieldNotText(field) };
        if (fields[field] !== undefined) return repeated(field);
        fields[field] = value;
      }
    }
  }

  // SnapEngage appends "?email=…" to the configured URL even when it already has "?key=…", so the
  // email arrives inside the key's (already decoded) value: "SECRET?email=jane@example.com".
  if (fields.key !== undefined && fields.key.includes('?')) {
    const cut = fields.key.indexOf('?');
    const glued = fields.key.slice(cut + 1);
    fields.key = fields.key.slice(0, cut);
    const eq = glued.indexOf('=');
    const name = eq < 0 ? glued : glued.slice(0, eq);
    if ((FIELDS as readonly string[]).includes(name) && name !== 'key') {
      if (fields[name as Field] !== undefined) return repeated(name);
      fields[name as Field] = eq < 0 ? '' : glued.slice(eq + 1);
    }
  }

  if (fields.email !== undefined && fields.email.trim().includes(' ')) {
    const formBody = post && isForm((post.type || '').toLowerCase()) ? post.contents : '';
    fields.email = plusRestored(fields.email, `${event?.queryString ?? ''}&${formBody}`);
  }

  const logged = (field: keyof typeof LOGGED_FIELD_MAX) => (fields[field] ?? '').slice(0, LOGGED_FIELD_MAX[field]);
  return {
    ok: true,
    request: {
      email: fields.email,
      key: fields.key,
      ip: logged('ip'),
      url: logged('url'),
      caseId: logged('caseId'),
      status: fields.status !== undefined && fields.email === undefined,
    },
  };
}
