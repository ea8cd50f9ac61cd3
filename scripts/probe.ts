/**
 * Calling a deployment the way SnapEngage does, for `npm run smoke` and the end of `npm run deploy`:
 * no cookies, following Apps Script's 302 to its one-time echo URL by hand so that each hop is
 * timed, and naming what came back when it is not the contact lookup's text.
 */
import { AGENT } from '../src/core/messages';

export type Fetch = typeof fetch;

export interface Hop {
  url: string;
  status: number;
  ms: number;
  contentType: string;
  body: string;
}

export interface Exchange {
  /** The /exec request, then the echo URL it redirected to, if any. */
  hops: Hop[];
  final: Hop;
  redirected: boolean;
  totalMs: number;
}

export class ProbeError extends Error {}

const MAX_REDIRECTS = 5;
export const TIMEOUT_MS = 30_000;

/** Why a request did not even get an answer: the host and the cause, in words. */
function unreachable(url: string, err: unknown): ProbeError {
  const host = new URL(url).host;
  const error = err as { name?: string; cause?: { code?: string; message?: string }; message?: string };
  if (error.name === 'TimeoutError' || error.name === 'AbortError') {
    return new ProbeError(`${host} did not answer within ${TIMEOUT_MS / 1000} s`);
  }
  const code = error.cause?.code ?? '';
  const causes: Record<string, string> = {
    ENOTFOUND: 'the host name does not resolve (check the URL, or your connection)',
    EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
    ECONNREFUSED: 'the connection was refused (is the server running?)',
    ECONNRESET: 'the connection was reset',
    ETIMEDOUT: 'the connection timed out',
    CERT_HAS_EXPIRED: 'its TLS certificate has expired',
  };
  return new ProbeError(
    `cannot reach ${host}: ${causes[code] ?? error.cause?.message ?? error.message ?? String(err)}`,
  );
}

/** One request, redirects followed by hand: a 302 or 303 after a POST continues as a GET, as browsers and most clients do. */
export async function exchange(url: string, init: RequestInit = {}, fetcher: Fetch = fetch): Promise<Exchange> {
  const hops: Hop[] = [];
  let target = url;
  let request: RequestInit = init;
  const started = performance.now();
  for (let i = 0; i <= MAX_REDIRECTS; i++) {
    const hopStarted = performance.now();
    let response: Response;
    let body: string;
    try {
      response = await fetcher(target, { ...request, redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS) });
      body = await response.text();
    } catch (err) {
      throw unreachable(target, err);
    }
    hops.push({
      url: target,
      status: response.status,
      ms: performance.now() - hopStarted,
      contentType: response.headers.get('content-type') ?? '',
      body,
    });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) break;
    target = new URL(location, target).toString();
    if (response.status !== 307 && response.status !== 308) request = { method: 'GET' };
  }
  const final = hops[hops.length - 1];
  return { hops, final, redirected: hops.length > 1, totalMs: performance.now() - started };
}

export type VerdictKind = 'ok' | 'sign-in' | 'forbidden' | 'html-error' | 'http-error' | 'unexpected';

export interface Verdict {
  kind: VerdictKind;
  ok: boolean;
  /** One line: what it means and what to do. */
  message: string;
}

/** What an admin must change when SnapEngage would get a sign-in page instead of text. */
export const ACCESS_FIX =
  'In the Apps Script editor: Deploy > Manage deployments > edit (pencil) > Execute as: Me, Who has access: Anyone, then Deploy.';

function title(html: string): string {
  return /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1]?.trim() ?? '';
}

/** What the answer to a status request says about the deployment. */
export function statusVerdict(result: Exchange): Verdict {
  const { final } = result;
  const signIn =
    result.hops.some((hop) => /accounts\.google\.com/.test(hop.url)) ||
    /accounts\.google\.com|ServiceLogin|<title>[^<]*Sign in/i.test(final.body);
  if (signIn)
    return {
      kind: 'sign-in',
      ok: false,
      message: `Google asks for a sign-in, so SnapEngage would get a login page. ${ACCESS_FIX}`,
    };
  if (final.status === 401 || final.status === 403) {
    return {
      kind: 'forbidden',
      ok: false,
      message: `HTTP ${final.status}: the deployment is not open to anonymous callers. ${ACCESS_FIX}`,
    };
  }
  if (/text\/html/i.test(final.contentType) || /^\s*</.test(final.body)) {
    const named = title(final.body);
    return {
      kind: 'html-error',
      ok: false,
      message:
        `Google answered with an HTML page${named ? ` ("${named}")` : ''} instead of text: the script failed or is not deployed ` +
        'as a web app. Open Executions in the Apps Script editor, and redeploy with npm run deploy.',
    };
  }
  if (final.status !== 200)
    return { kind: 'http-error', ok: false, message: `HTTP ${final.status} from ${new URL(final.url).host}.` };
  if (/^Contact lookup is running\. Version \S+\.$/.test(final.body))
    return { kind: 'ok', ok: true, message: final.body };
  return { kind: 'unexpected', ok: false, message: 'unexpected answer: is this the contact lookup web app?' };
}

/** The texts that mean a lookup did not happen. Request errors are recognised by their wording. */
const FAILURES: [RegExp, string][] = [
  [exactly(AGENT.refused), 'refused: the key is wrong or missing'],
  [exactly(AGENT.setupNeeded), 'not set up: run Contact lookup > Set up in the spreadsheet'],
  [exactly(AGENT.notConfigured), 'not configured: run Contact lookup > Check setup'],
  [exactly(AGENT.unavailable), 'the app failed: see Executions in the Apps Script editor'],
  [
    /^(Missing email|The (email|key|ip|url|caseId|status|id) (parameter|field)|The request body|The JSON body|Unsupported request body)/,
    'the request was refused as malformed',
  ],
];

function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** Why a lookup's answer is not a lookup, or undefined when it is one. */
export function lookupFailure(result: Exchange): string | undefined {
  const status = statusVerdict(result);
  if (status.kind !== 'ok' && status.kind !== 'unexpected') return status.message;
  return FAILURES.find(([pattern]) => pattern.test(result.final.body))?.[1];
}
