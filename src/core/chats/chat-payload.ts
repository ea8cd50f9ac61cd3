/**
 * A finished chat or offline message as SnapEngage's Integration API posts it (a JSON object; see
 * SnapEngage's "Integration POST API JSON" help page), turned into what the Chats tab keeps.
 */
import { normalizeEmail } from '../request/email';
import { CHAT } from '../messages';
import { sanitizeText } from '../text';

export interface ChatRecord {
  caseId: string;
  /** When the case was created; the time it arrived when SnapEngage sent none. */
  when: Date;
  /** Trimmed and lower-cased, as lookups compare emails; '' when the visitor gave none. */
  email: string;
  name: string;
  type: string;
  /** The aliases of those who answered the visitor, in order of first message. */
  agents: string;
  waitSeconds: number | '';
  durationSeconds: number | '';
  pageUrl: string;
  description: string;
  /** Agents' notes: SnapEngage's operator_variables, "name: value" per line. */
  notes: string;
  caseUrl: string;
  /** "alias: message" per line. */
  transcript: string;
}

/** An Integration API post is told from a lookup by its shape. */
export function isChatPayload(members: [string, unknown][]): boolean {
  return members.some(([name]) => name === 'requested_by' || name === 'transcripts');
}

const text = (value: unknown): string =>
  typeof value === 'string' || typeof value === 'number' ? sanitizeText(String(value)).trim() : '';
const seconds = (value: unknown): number | '' =>
  text(value) !== '' && Number.isFinite(Number(value)) ? Number(value) : '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** A case created later than this after its arrival is dated by its arrival (clock skew aside, it cannot be). */
const FUTURE_SLACK_MS = 86_400_000;

/**
 * When the case was created, else when it arrived. A date more than a day ahead becomes the arrival
 * time: a row dated in 2100 would sit in the Chats tab past every retention.
 */
function createdAt(body: Record<string, unknown>, now: number): Date {
  const unix = seconds(body.created_at_seconds);
  // "Oct 3, 2014 2:14:31 PM", in GMT.
  const time = unix !== '' ? unix * 1000 : Date.parse(`${text(body.created_at_date)} GMT`);
  // A time before JavaScript's first date (-8.64e15 ms) is no date either.
  return new Date(Number.isFinite(time) && time >= -8.64e15 && time <= now + FUTURE_SLACK_MS ? time : now);
}

export function parseChat(body: Record<string, unknown>, now: number): { chat: ChatRecord } | { error: string } {
  const caseId = text(body.id);
  if (!caseId) return { error: CHAT.noCaseId };
  const messages = list(body.transcripts);
  // The visitor's messages carry no sender id; everyone else is an agent.
  const agents = [...new Set(messages.filter((m) => text(m.id) !== '').map((m) => text(m.alias) || text(m.id)))];
  const details = isRecord(body.requester_details) ? body.requester_details : {};
  return {
    chat: {
      caseId,
      when: createdAt(body, now),
      email: normalizeEmail(text(body.requested_by)),
      name: text(details.name),
      type: text(body.type),
      agents: agents.join(', '),
      waitSeconds: seconds(body.chat_waittime),
      durationSeconds: seconds(body.chat_duration),
      pageUrl: text(body.page_url),
      description: text(body.description),
      notes: list(body.operator_variables)
        .map((v) => `${text(v.name)}: ${text(v.value)}`)
        .join('\n'),
      caseUrl: text(body.url),
      transcript: messages.map((m) => `${text(m.alias) || text(m.id) || CHAT.visitor}: ${text(m.message)}`).join('\n'),
    },
  };
}
