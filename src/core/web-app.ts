/**
 * One request to the web app in, one plain-text answer out: a health check, a contact lookup from
 * SnapEngage's Get Contact OPEN API, or a finished chat from its Integration API. Everything but
 * the health check needs the access key first, bad requests included: what is wrong with a request
 * is only said behind the key, and nothing but a bounded scan of a body happens before it.
 */
import { parseChat } from './chats/chat-payload';
import { recordChat } from './chats/chats';
import { currentState } from './state/config-store';
import { lookUp } from './lookup/lookup';
import { AGENT, because, CHAT, LOG, REQUEST } from './messages';
import { differingRepeat, JsonMember } from './request/json-scan';
import { parseRequest, WebAppEvent } from './request/request';
import { Answer, refusal, WebAppDeps } from './request/serving';

/** The refusal for a missing or wrong key, read from the shared state; undefined when the key is right. */
function keyRefusal(key: string | undefined, deps: WebAppDeps) {
  const { config } = currentState(deps.store, []);
  return { config, refused: refusal(key, config, deps) };
}

/** A chat's body is parsed only once its key is known to be right; its scan bounded how deep it nests. */
function receiveChat(key: string | undefined, members: JsonMember[], body: string, deps: WebAppDeps): string {
  const { store } = deps;
  const { config, refused } = keyRefusal(key, deps);
  if (refused) return refused;
  const repeated = differingRepeat(members);
  const parsed = repeated
    ? { error: REQUEST.repeated(repeated) }
    : parseChat(JSON.parse(body) as Record<string, unknown>, store.now());
  const answer =
    'error' in parsed
      ? parsed.error
      : config.settings.chatHistory
        ? CHAT[recordChat(store, deps.appTabs(config), parsed.chat, config.settings, deps.sha256)]
        : CHAT.off;
  if (answer === CHAT.busy) store.log.error(LOG.chatBusy);
  else store.log.info(because(LOG.chat, answer));
  return answer;
}

export function answerRequest(event: WebAppEvent | undefined, deps: WebAppDeps, explain = false): Answer {
  const parsed = parseRequest(event);
  const { log } = deps.store;
  switch (parsed.kind) {
    case 'invalid': {
      // What was wrong with a request is only said to a caller with the right key.
      const { refused } = keyRefusal(parsed.key, deps);
      if (refused) return { text: refused };
      log.info(LOG.badRequest);
      return { text: parsed.error };
    }
    case 'refused':
      log.info(LOG.refused);
      return { text: AGENT.refused };
    case 'status':
      return { text: AGENT.status(deps.build) };
    case 'chat':
      return { text: receiveChat(parsed.key, parsed.members, parsed.body, deps) };
    case 'lookup':
      return lookUp(parsed.request, deps, explain);
  }
}
