/**
 * One request to the web app in, one plain-text answer out: a health check, a contact lookup from
 * SnapEngage's Get Contact OPEN API, or a finished chat from its Integration API. Bad requests are
 * answered before anything is read; everything else needs the access key first.
 */
import { parseChat } from './chats/chat-payload';
import { recordChat } from './chats/chats';
import { currentState } from './state/config-store';
import { lookUp } from './lookup/lookup';
import { AGENT, because, CHAT, LOG } from './messages';
import { parseRequest, WebAppEvent } from './request/request';
import { Answer, refusal, WebAppDeps } from './request/serving';

function receiveChat(key: string | undefined, body: Record<string, unknown>, deps: WebAppDeps): string {
  const { store } = deps;
  const { config } = currentState(store, []);
  const refused = refusal(key, config, deps);
  if (refused) return refused;
  const parsed = parseChat(body, store.now());
  const answer =
    'error' in parsed
      ? parsed.error
      : config.settings.chatHistory
        ? CHAT[recordChat(store, deps.appTabs(config), parsed.chat, config.settings)]
        : CHAT.off;
  if (answer === CHAT.busy) store.log.error(LOG.chatBusy);
  else store.log.info(because(LOG.chat, answer));
  return answer;
}

export function answerRequest(event: WebAppEvent | undefined, deps: WebAppDeps, explain = false): Answer {
  const parsed = parseRequest(event);
  const { log } = deps.store;
  switch (parsed.kind) {
    case 'invalid':
      log.info(LOG.badRequest);
      return { text: parsed.error };
    case 'refused':
      log.info(LOG.refused);
      return { text: AGENT.refused };
    case 'status':
      return { text: AGENT.status(deps.build) };
    case 'chat':
      return { text: receiveChat(parsed.key, parsed.body, deps) };
    case 'lookup':
      return lookUp(parsed.request, deps, explain);
  }
}
