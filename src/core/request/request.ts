/**
 * request/: what comes in — the web-app event, the cleaning of every text, the JSON scan, the email, the access key, and the refusals every handler shares.
 *
 * Turns an Apps Script web-app event into the fields SnapEngage sends, cleaned (cleaning.ts), or a
 * plain-text complaint. Event shape: https://developers.google.com/apps-script/guides/web#request_parameters
 *
 * A field may arrive several times: in the query, in a form body, in a JSON body, or glued to the
 * key by SnapEngage. Values equal once cleaned count as one (some clients repeat query fields in
 * the body); two different keys, wherever they are, are refused like a wrong key; two different
 * values of another field are explained. Nothing here parses more than a bounded scan of the body
 * (json-scan.ts), and a complaint carries the key so that it is only said behind the right key.
 * Request errors depend only on the request, never on the sheet.
 */
import { cleanCut, cleanEmail } from './cleaning';
import { JsonMember, MAX_JSON_DEPTH, scanJsonObject } from './json-scan';
import { isChatPayload } from '../chats/chat-payload';
import { REQUEST } from '../messages';

export interface WebAppEvent {
  parameter?: Record<string, string>;
  parameters?: Record<string, string[]>;
  queryString?: string;
  postData?: { contents: string; length: number; type: string; name?: string };
}

export interface LookupRequest {
  /** Cleaned (see cleaning.ts); checked after the access key. */
  email?: string;
  key?: string;
  ip: string;
  url: string;
  caseId: string;
}

export type ParsedRequest =
  | { kind: 'status' }
  | { kind: 'lookup'; request: LookupRequest }
  /**
   * A finished chat from SnapEngage's Integration API: its key, its body's top-level members and
   * the body itself, parsed only once the key is known to be right.
   */
  | { kind: 'chat'; key?: string; members: JsonMember[]; body: string }
  /** Two different keys, or a key that is not text: answered exactly like a wrong key. */
  | { kind: 'refused' }
  /** A request that cannot be served as sent; explained only to a caller with the right key. */
  | { kind: 'invalid'; key?: string; error: string };

export const MAX_BODY_BYTES = 16 * 1024;
/** A chat with a long transcript is larger; the Chats tab keeps 50,000 characters of it at most. */
export const MAX_CHAT_BODY_BYTES = 512 * 1024;
/** The key comes first: two different keys are refused, whatever else is wrong with the request. */
const FIELDS = ['key', 'email', 'ip', 'url', 'caseId', 'status'] as const;
type Field = (typeof FIELDS)[number];

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

type Values = Record<Field, string[]>;
type Body = { members: JsonMember[]; chat: boolean };
/** Values from the query and form always; the body's too, unless it holds an error or a key that is not text. */
type Collected = { values: Values; body?: Body; error?: string; refused?: true };

/** What a JSON body's scan says, as the complaint its caller gets if the key is right. */
const BODY_PROBLEM = {
  notJson: REQUEST.notJson,
  notObject: REQUEST.jsonNotObject,
  tooDeep: REQUEST.jsonTooDeep(MAX_JSON_DEPTH),
} as const;

/**
 * Every value sent for each field, from the query, a form body or a JSON body, with what the body
 * holds; or a complaint that needs no reading of the body (its size, its type).
 */
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
  const over = (max: number) => size > max && { values, error: REQUEST.bodyTooLarge(max / 1024) };
  const type = post.type || '';
  const huge = over(MAX_CHAT_BODY_BYTES);
  if (huge) return huge;
  // Form bodies are already merged into e.parameter(s) by Apps Script.
  if (isForm(type)) return over(MAX_BODY_BYTES) || { values };
  if (!/json/i.test(type) && !post.contents.trim().startsWith('{')) return { values, error: REQUEST.unsupportedBody };
  const scan = scanJsonObject(post.contents);
  if (!scan.ok) return { values, error: BODY_PROBLEM[scan.problem] };
  const chat = isChatPayload(scan.members);
  const tooLarge = !chat && over(MAX_BODY_BYTES);
  if (tooLarge) return tooLarge;
  for (const { name, raw } of scan.members) {
    // A chat's other members are its own; only its key counts here.
    if (!isField(name) || (chat && name !== 'key')) continue;
    // A string's JSON text is all JSON.parse reads here: nothing nests in it.
    if (raw.startsWith('"')) values[name].push(JSON.parse(raw) as string);
    else if (name === 'key') return { values, refused: true };
    else return { values, error: REQUEST.fieldNotText(name) };
  }
  return { values, body: { members: scan.members, chat } };
}
/** The cleaned value of a field (cleaning.ts); the key is compared exactly, and status only counts as sent. */
function cleaned(field: Field, value: string, event: WebAppEvent | undefined): string {
  if (field === 'email') {
    const post = event?.postData;
    const form = post && isForm(post.type || '') ? post.contents : '';
    return cleanEmail(value.trim().includes(' ') ? plusRestored(value, `${event?.queryString ?? ''}&${form}`) : value);
  }
  if (field === 'ip' || field === 'url') return cleanCut(field, value);
  return field === 'caseId' ? cleanCut('lookupCaseId', value) : value;
}

export function parseRequest(event: WebAppEvent | undefined): ParsedRequest {
  const { values, body, error, refused } = collectValues(event);
  if (refused) return { kind: 'refused' };
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
    // Values that differ only in what cleaning removes are the same value.
    const distinct = [...new Set(values[field].map((value) => cleaned(field, value, event)))];
    if (distinct.length > 1) {
      return field === 'key'
        ? { kind: 'refused' }
        : { kind: 'invalid', key: fields.key, error: REQUEST.repeated(field) };
    }
    fields[field] = distinct[0];
  }
  const { key } = fields;
  if (error) return { kind: 'invalid', key, error };
  if (body?.chat) return { kind: 'chat', key, members: body.members, body: event?.postData?.contents ?? '' };
  if (fields.status !== undefined && fields.email === undefined) return { kind: 'status' };
  return {
    kind: 'lookup',
    request: { email: fields.email, key, ip: fields.ip ?? '', url: fields.url ?? '', caseId: fields.caseId ?? '' },
  };
}
