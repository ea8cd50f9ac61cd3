/**
 * request/: what comes in — the web-app event, JSON members, the email, the access key, and the refusals every handler shares.
 *
 * Turns an Apps Script web-app event into the fields SnapEngage sends, or a plain-text complaint.
 * Event shape: https://developers.google.com/apps-script/guides/web#request_parameters
 *
 * A field may arrive several times: in the query, in a form body, in a JSON body, or glued to the
 * key by SnapEngage. Identical values count as one (some clients repeat query fields in the body);
 * two different keys are refused like a wrong key; two different values of another field are
 * explained. Request errors depend only on the request, never on the sheet.
 */
import { jsonMembers } from './json-members';
import { isChatPayload } from '../chats/chat-payload';
import { REQUEST } from '../messages';

export interface WebAppEvent {
  parameter?: Record<string, string>;
  parameters?: Record<string, string[]>;
  queryString?: string;
  postData?: { contents: string; length: number; type: string; name?: string };
}

export interface LookupRequest {
  /** As sent; checked and normalised after the access key. */
  email?: string;
  key?: string;
  ip: string;
  url: string;
  caseId: string;
}

export type ParsedRequest =
  | { kind: 'status' }
  | { kind: 'lookup'; request: LookupRequest }
  /** A finished chat from SnapEngage's Integration API, its key from the URL. */
  | { kind: 'chat'; key?: string; body: Record<string, unknown> }
  /** Two different keys: answered exactly like a wrong key. */
  | { kind: 'refused' }
  | { kind: 'invalid'; error: string };

export const MAX_BODY_BYTES = 16 * 1024;
/** A chat with a long transcript is larger; the Chats tab keeps 50,000 characters of it at most. */
export const MAX_CHAT_BODY_BYTES = 512 * 1024;
/** The key comes first: two different keys are refused, whatever else is wrong with the request. */
const FIELDS = ['key', 'email', 'ip', 'url', 'caseId', 'status'] as const;
type Field = (typeof FIELDS)[number];
/** ip, url and caseId are only ever logged: they are shortened rather than refused. */
const LOGGED_FIELD_MAX = { ip: 64, url: 2048, caseId: 128 } as const;

function isField(name: string): name is Field {
  return (FIELDS as readonly string[]).includes(name);
}

function own<T>(record: Record<string, T> | undefined, name: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, name) ? record[name] : undefined;
}

const isForm = (type: string) => /^(application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type);

/**
 * A caller that leaves "+" unencoded (jane+chat@example.com) gets it decoded as a space by the
 * form-decoding of e.parameter. An address has no spaces, so the raw query (or form body) is read
 * again, strictly: a space that was "+" there becomes "+" again. Anything else is left to the email check.
 */
function plusRestored(email: string, encoded: string): string {
  const raw = /(?:^|[&?])email=([^&?]*)/.exec(encoded)?.[1] ?? '';
  try {
    const strict = decodeURIComponent(raw);
    return raw.includes('+') && strict.replace(/\+/g, ' ') === email ? strict : email;
  } catch {
    return email;
  }
}

/** The first name given twice with different values (JSON.parse would silently keep the last). */
function differingRepeat(members: [string, unknown][]): string | undefined {
  const seen = new Map<string, string>();
  for (const [name, value] of members) {
    const json = JSON.stringify(value);
    if ((seen.get(name) ?? json) !== json) return name;
    seen.set(name, json);
  }
  return;
}

type Values = Record<Field, string[]>;
type Collected = { values: Values; chat?: Record<string, unknown> } | { error: string };

/** Every value sent for each field, from the query, a form body or a JSON body; a chat's body; or a complaint. */
function collectValues(event: WebAppEvent | undefined): Collected {
  const values = {} as Values;
  for (const field of FIELDS) {
    const first = own(event?.parameter, field);
    const sent = own(event?.parameters, field) ?? (first === undefined ? [] : [first]);
    values[field] = sent.filter((value) => typeof value === 'string');
  }
  const post = event?.postData;
  if (!post?.contents) return { values };
  const size = Math.max(post.length, post.contents.length);
  const over = (max: number) => size > max && { error: REQUEST.bodyTooLarge(max / 1024) };
  const type = post.type || '';
  const huge = over(MAX_CHAT_BODY_BYTES);
  if (huge) return huge;
  // Form bodies are already merged into e.parameter(s) by Apps Script.
  if (isForm(type)) return over(MAX_BODY_BYTES) || { values };
  if (!/json/i.test(type) && !post.contents.trim().startsWith('{')) return { error: REQUEST.unsupportedBody };
  let body: unknown;
  try {
    body = JSON.parse(post.contents);
  } catch {
    return { error: REQUEST.notJson };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { error: REQUEST.jsonNotObject };
  const members = jsonMembers(post.contents);
  if (isChatPayload(members)) {
    const repeated = differingRepeat(members);
    return repeated ? { error: REQUEST.repeated(repeated) } : { values, chat: body as Record<string, unknown> };
  }
  const tooLarge = over(MAX_BODY_BYTES);
  if (tooLarge) return tooLarge;
  for (const [name, value] of members) {
    if (!isField(name)) continue;
    if (typeof value !== 'string') return { error: REQUEST.fieldNotText(name) };
    values[name].push(value);
  }
  return { values };
}

export function parseRequest(event: WebAppEvent | undefined): ParsedRequest {
  const collected = collectValues(event);
  if ('error' in collected) return { kind: 'invalid', error: collected.error };
  const { values, chat } = collected;
  // SnapEngage appends "?email=…" to the configured URL even when it already has "?key=…", so the
  // email arrives inside the key's (already decoded) value: "SECRET?email=jane@example.com". A key
  // glued that way is one more key value, never a replacement.
  values.key = values.key.flatMap((sent) => {
    const [, key, name, value] = /^([^?]*)(?:\?([^=]*)=?([^]*))?$/.exec(sent) ?? [];
    if (name !== 'key' && name && isField(name)) values[name].push(value);
    return name === 'key' ? [key, value] : [key];
  });
  const fields: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) {
    const distinct = [...new Set(values[field])];
    if (distinct.length > 1) {
      return field === 'key' ? { kind: 'refused' } : { kind: 'invalid', error: REQUEST.repeated(field) };
    }
    fields[field] = distinct[0];
  }
  if (chat) return { kind: 'chat', key: fields.key, body: chat };
  if (fields.status !== undefined && fields.email === undefined) return { kind: 'status' };
  if (fields.email?.trim().includes(' ')) {
    const post = event?.postData;
    fields.email = plusRestored(
      fields.email,
      `${event?.queryString ?? ''}&${post && isForm(post.type || '') ? post.contents : ''}`,
    );
  }
  const logged = (field: keyof typeof LOGGED_FIELD_MAX) => (fields[field] ?? '').slice(0, LOGGED_FIELD_MAX[field]);
  return {
    kind: 'lookup',
    request: { email: fields.email, key: fields.key, ip: logged('ip'), url: logged('url'), caseId: logged('caseId') },
  };
}
