/**
 * A finished chat or offline message as SnapEngage's Integration API posts it (a JSON object; see
 * SnapEngage's "Integration POST API JSON" help page), turned into what the Chats tab keeps.
 */
import { cleanCut, cleanEmail, cleanOrRefuse, FIELD_RULES, hasControlChars } from '../request/cleaning';
import { JsonMember } from '../request/json-scan';
import { CHAT, REQUEST } from '../messages';

export interface ChatRecord {
  caseId: string;
  /** When the case was created; the time it arrived when SnapEngage sent none. */
  when: Date;
  /** Cleaned as lookups clean emails; '' when the visitor gave none. */
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
export function isChatPayload(members: JsonMember[]): boolean {
  return members.some(({ name }) => name === 'requested_by' || name === 'transcripts');
}

/** What SnapEngage sent as text: strings, and numbers as written; anything else counts as absent. */
const sent = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '');
const seconds = (value: unknown): number | '' => {
  const text = cleanCut('number', sent(value));
  return text !== '' && Number.isFinite(Number(text)) ? Number(text) : '';
};
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter(isRecord) : []);
/** Who wrote a message: the alias, else the sender id; '' for the visitor, whose messages carry no id. */
const author = (message: Record<string, unknown>) =>
  cleanCut('agent', sent(message.alias)) || cleanCut('agent', sent(message.id));

/** A case created later than this after its arrival is dated by its arrival (clock skew aside, it cannot be). */
const FUTURE_SLACK_MS = 86_400_000;

/**
 * When the case was created, else when it arrived. A date more than a day ahead becomes the arrival
 * time: a row dated in 2100 would sit in the Chats tab past every retention.
 */
function createdAt(body: Record<string, unknown>, now: number): Date {
  const unix = seconds(body.created_at_seconds);
  // "Oct 3, 2014 2:14:31 PM", in GMT.
  const time = unix !== '' ? unix * 1000 : Date.parse(`${cleanCut('number', sent(body.created_at_date))} GMT`);
  // A time before JavaScript's first date (-8.64e15 ms) is no date either.
  return new Date(Number.isFinite(time) && time >= -8.64e15 && time <= now + FUTURE_SLACK_MS ? time : now);
}

/** The visitor's email, cleaned as lookups clean theirs, or why the chat is refused. */
function visitorEmail(value: unknown): { email: string } | { error: string } {
  const email = cleanEmail(sent(value));
  if (hasControlChars(email)) return { error: REQUEST.emailControlChars };
  const { max } = FIELD_RULES.email;
  return email.length > max ? { error: REQUEST.emailTooLong(max) } : { email };
}

/** Every text of the chat cleaned by its rule (request/cleaning.ts), or why nothing may be recorded. */
export function parseChat(body: Record<string, unknown>, now: number): { chat: ChatRecord } | { error: string } {
  const caseId = cleanOrRefuse('chatCaseId', sent(body.id));
  if (caseId === undefined) return { error: CHAT.caseIdTooLong(FIELD_RULES.chatCaseId.max) };
  if (!caseId) return { error: CHAT.noCaseId };
  const visitor = visitorEmail(body.requested_by);
  if ('error' in visitor) return visitor;
  const messages = list(body.transcripts);
  // The visitor's messages carry no sender id; everyone else is an agent.
  const agents = [...new Set(messages.filter((m) => cleanCut('agent', sent(m.id)) !== '').map(author))];
  const details = isRecord(body.requester_details) ? body.requester_details : {};
  return {
    chat: {
      caseId,
      when: createdAt(body, now),
      email: visitor.email,
      name: cleanCut('visitorName', sent(details.name)),
      type: cleanCut('chatType', sent(body.type)),
      agents: agents.join(', '),
      waitSeconds: seconds(body.chat_waittime),
      durationSeconds: seconds(body.chat_duration),
      pageUrl: cleanCut('pageUrl', sent(body.page_url)),
      description: cleanCut('description', sent(body.description)),
      notes: list(body.operator_variables)
        .map((v) => `${cleanCut('note', sent(v.name))}: ${cleanCut('note', sent(v.value))}`)
        .join('\n'),
      caseUrl: cleanCut('caseUrl', sent(body.url)),
      transcript: messages
        .map((m) => `${author(m) || CHAT.visitor}: ${cleanCut('message', sent(m.message))}`)
        .join('\n'),
    },
  };
}
