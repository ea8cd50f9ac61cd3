/**
 * The names under which the app keeps state in Script Properties and CacheService. Every live
 * deployment, whatever its build, shares one property store and one script cache, so state that
 * must agree (the key, the generations) is named without a build; data whose shape may change
 * between versions (the compiled configuration, cached answers) carries STORE_FORMAT instead.
 */

/**
 * Bump when an older build would misread a cached configuration or answer, or show an answer
 * rendered in a way it must not. A field older builds ignore (an answer's chat token) needs none.
 */
export const STORE_FORMAT = 2;

/** Script Properties kept by the app (README lists them); none is for hand editing. */
export const PROPERTY = {
  accessKey: 'ACCESS_KEY',
  spreadsheetId: 'SPREADSHEET_ID',
  webAppUrl: 'WEB_APP_URL',
  structureGeneration: 'STRUCTURE_GENERATION',
  contentGeneration: 'CONTENT_GENERATION',
  emailsGeneration: 'EMAILS_GENERATION',
  config: `CONFIG_V${STORE_FORMAT}`,
  triggerId: 'CHANGE_TRIGGER_ID',
  triggerInstalledAt: 'CHANGE_TRIGGER_INSTALLED_AT',
  triggerRanAt: 'CHANGE_TRIGGER_RAN_AT',
  editedAt: 'LAST_EDIT_AT',
  /** Chats the Chats tab could not take, one per case: PENDING_CHAT_ and a digest of the case ID. */
  pendingChatPrefix: 'PENDING_CHAT_',
  /** Set when a chat was appended without the lock, so a duplicate row may exist until the next tidy. */
  chatsUntidy: 'CHATS_UNTIDY',
  pendingTriggerId: 'PENDING_CHATS_TRIGGER_ID',
} as const;

export const CACHE_KEY = {
  /** Both generations as last confirmed from Script Properties (see freshness.ts). */
  generations: 'generations',
  structureChanged: 'structure-changed',
  contentChanged: 'content-changed',
  /** The emails generation as last confirmed, beside `generations` (which builds before it read as they are). */
  emailsGeneration: 'emails-generation',
  emailsChanged: 'emails-changed',
  /** Set when Script Properties could not be read: lookups use the last confirmed state meanwhile. */
  propertiesFailed: 'properties-failed',
  /** Set when the change trigger last wrote CHANGE_TRIGGER_RAN_AT (entry-points.ts). */
  changeTriggerRan: 'change-trigger-ran',
  /** Set after a Sheets API request failed: SpreadsheetApp reads instead until then. */
  sheetsApiRest: 'sheets-api-rest',
  lastLookup: 'last-lookup',
  /** The same notice as PROPERTY.chatsUntidy, read by the next chat for free with its state. */
  chatsUntidy: 'chats-untidy',
  /** When the Chats tab was last pruned because a day had passed. */
  chatsPruned: 'chats-pruned',
  /** When the Lookup log was last pruned because a day had passed. */
  logPruned: 'log-pruned',
  /** "<day> <count>": chats recorded on that day (the spreadsheet's time zone). */
  chatsToday: 'chats-today',
  /** The day a "spreadsheet full" or "Chats per day" refusal was last logged, per kind. */
  refusalLogged: (kind: string) => `refusal-logged:${kind}`,
  config: `v${STORE_FORMAT}:config`,
  answer: (emailDigest: string) => `v${STORE_FORMAT}:answer:${emailDigest}`,
  /** The visitor's chat token (see answer-cache.ts); shared by every build, like the generations. */
  chatToken: (emailDigest: string) => `chat:${emailDigest}`,
  /** The email index (lookup/email-index.ts): its head, and shard n of `count`. */
  indexHead: `v${STORE_FORMAT}:index`,
  indexShard: (count: number, n: number) => `v${STORE_FORMAT}:index:${count}:${n}`,
} as const;

/** CacheService keeps nothing longer than 6 hours (https://developers.google.com/apps-script/reference/cache/cache). */
export const CACHE_MAX_SECONDS = 21600;
/** CacheService values are at most 100 KB. */
export const CACHE_VALUE_LIMIT_BYTES = 100 * 1024;

/**
 * UTF-8 bytes, the unit of both value limits, of a well-formed string such as JSON.stringify writes
 * (it escapes lone surrogates): each %XX escape of encodeURIComponent is one byte.
 */
export const utf8Length = (text: string): number => encodeURIComponent(text).replace(/%../g, '%').length;

/** A JSON object read back from a store, or undefined: stores also hold other builds' and corrupt values. */
export function parseStoredObject(json: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = json ? JSON.parse(json) : undefined;
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return;
  }
}
