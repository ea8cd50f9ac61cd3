/**
 * One request to the web app in, one plain-text answer out: a health check, a contact lookup from
 * SnapEngage's Get Contact OPEN API, or a finished chat from its Integration API. Everything but
 * the health check needs the access key first, bad requests included: what is wrong with a request
 * is only said behind the key, and nothing but a bounded scan of a body happens before it.
 */
import { writePendingChats } from './chats/chat-recording';
import { receiveChat } from './chats/receive-chat';
import { currentState } from './state/config-store';
import { lookUp } from './lookup/lookup';
import { AGENT, because, LOG } from './messages';
import { bestEffort } from './ports';
import { JsonMember } from './request/json-scan';
import { parseRequest, WebAppEvent } from './request/request';
import { Answer, refusal, WebAppDeps } from './request/serving';
import { PROPERTY } from './state/store-keys';

function answerChat(key: string | undefined, members: JsonMember[], body: string, deps: WebAppDeps): string {
  const answer = receiveChat(key, members, body, deps);
  deps.store.log.info(because(LOG.chat, answer));
  return answer;
}

/**
 * Runs the request; when it read Script Properties (lookups confirm their state about once a minute)
 * and they show chats waiting to be written, writes them afterwards. Nothing waiting costs nothing.
 */
function withPendingChats(deps: WebAppDeps, answer: (deps: WebAppDeps) => Answer): Answer {
  let seen: Record<string, string> | undefined;
  const onLoad = deps.store.onLoad;
  const store = {
    ...deps.store,
    onLoad(properties: Record<string, string>) {
      seen = properties;
      onLoad?.(properties);
    },
  };
  const result = answer({ ...deps, store });
  // writePendingChats returns at once, opening nothing, when nothing waits.
  if (seen && seen[PROPERTY.spreadsheetId]) {
    const properties = seen;
    bestEffort(store.log, LOG.pendingFailed, () =>
      writePendingChats(
        store,
        () => deps.appTabs({ spreadsheetId: properties[PROPERTY.spreadsheetId] ?? '' }),
        properties,
      ),
    );
  }
  return result;
}

export function answerRequest(event: WebAppEvent | undefined, deps: WebAppDeps, explain = false): Answer {
  const parsed = parseRequest(event);
  const { log } = deps.store;
  switch (parsed.kind) {
    case 'invalid': {
      // What was wrong with a request is only said to a caller with the right key.
      const { config } = currentState(deps.store, []);
      const refused = refusal(parsed.key, config, deps);
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
      return withPendingChats(deps, (d) => ({ text: answerChat(parsed.key, parsed.members, parsed.body, d) }));
    case 'lookup':
      return withPendingChats(deps, (d) => lookUp(parsed.request, d, explain));
  }
}
