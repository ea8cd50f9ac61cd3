/**
 * npm run smoke -- <url> [--key KEY] --email EMAIL [--post | --glued] [--expect-no-match] [--count N] [--json]
 * npm run smoke -- <url> --status [--json]
 * npm run smoke -- <url> [--key KEY] --chat [--email EMAIL] [--json]
 *
 * Calls a deployment the way SnapEngage does. <url> is the web app URL, with its key as Set up
 * shows it (…/exec?key=…) or with --key. Exits 0 when the deployment answered as it should, 1 when
 * it answered wrongly, 2 when the options are wrong or nothing answered.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { given, OptionSpec, parseOptions, UsageError } from './options';
import { Exchange, exchange, Fetch, lookupFailure, ProbeError, statusVerdict } from './probe';

export { UsageError };

export const USAGE =
  'usage: npm run smoke -- <url> [--key KEY] --email EMAIL [--post | --glued] [--expect-no-match] [--count N] [--json]' +
  ' | <url> --status [--json] | <url> [--key KEY] --chat [--email EMAIL] [--json]';

export interface SmokeOptions {
  /** The /exec URL, without its query. */
  url: string;
  key?: string;
  email?: string;
  post?: boolean;
  glued?: boolean;
  expectNoMatch?: boolean;
  status?: boolean;
  chat?: boolean;
  /** Lookups to send; the first is cold, the rest are measured as warm. */
  count?: number;
  json?: boolean;
}

const SPEC: OptionSpec = {
  key: { type: 'string' },
  email: { type: 'string' },
  count: { type: 'string' },
  post: { type: 'boolean' },
  glued: { type: 'boolean' },
  'expect-no-match': { type: 'boolean' },
  status: { type: 'boolean' },
  chat: { type: 'boolean' },
  json: { type: 'boolean' },
};

/** Options that make no sense together: the check would silently do something else than asked. */
const CONFLICTS: [string, string[], string][] = [
  ['status', ['email', 'post', 'glued', 'expect-no-match', 'count', 'chat'], 'a status check sends one GET, no lookup'],
  ['chat', ['post', 'glued', 'expect-no-match', 'count'], 'a test chat is one POST'],
  ['post', ['glued'], '--glued is a GET form'],
];

export function parseSmokeArgs(argv: string[]): SmokeOptions {
  const { values, positionals } = parseOptions(argv, SPEC, 1);
  for (const [mode, others, why] of CONFLICTS) {
    const clash = values[mode] ? given(values, others) : [];
    if (clash.length) throw new UsageError(`--${mode} cannot go with ${clash.join(', ')}: ${why}`);
  }
  const url = positionals[0];
  if (url === undefined) throw new UsageError('the web app URL is missing');
  if (!/^https?:\/\//i.test(url))
    throw new UsageError(`the web app URL must start with http:// or https:// (got ${url})`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`not a URL: ${url}`);
  }
  const keyOption = values.key as string | undefined;
  const inUrl = parsed.searchParams.get('key') ?? undefined;
  if (inUrl && keyOption && inUrl !== keyOption) throw new UsageError('the URL and --key name different keys');
  const count = values.count === undefined ? 1 : Number(values.count);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw new UsageError('--count takes a whole number from 1 to 1000');
  const options: SmokeOptions = {
    url: `${parsed.origin}${parsed.pathname}`,
    key: keyOption ?? inUrl,
    email: values.email as string | undefined,
    post: values.post === true,
    glued: values.glued === true,
    expectNoMatch: values['expect-no-match'] === true,
    status: values.status === true,
    chat: values.chat === true,
    count,
    json: values.json === true,
  };
  if (!options.status && !options.key)
    throw new UsageError('the key is missing: paste the URL Set up shows (…/exec?key=…) or add --key');
  if (!options.status && !options.chat && !options.email) throw new UsageError('--email is required for a lookup');
  return options;
}

export interface Stats {
  median: number;
  p95: number;
  max: number;
}

export interface SmokeReport {
  ok: boolean;
  mode: 'status' | 'lookup' | 'chat';
  /** One line: what the answer means. */
  verdict: string;
  /** The first answer's text. */
  body: string;
  status: number;
  method: 'GET' | 'POST';
  /** Whether Google's 302 to its echo URL was followed (always, on a real deployment). */
  redirected: boolean;
  count: number;
  first: { totalMs: number; redirectMs: number };
  /** The lookups after the first, which SnapEngage's repeat calls resemble. */
  warm?: { count: number; totalMs: Stats; redirectMs: Stats };
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (n: number) => Math.round(n * 10) / 10;
  return { median: round(at(0.5)), p95: round(at(0.95)), max: round(sorted[sorted.length - 1]) };
}

/** Time spent after the first hop: the redirect to Google's echo URL and its answer. */
function redirectMs(result: Exchange): number {
  return result.hops.slice(1).reduce((sum, hop) => sum + hop.ms, 0);
}

function snapEngageFields(email: string): string {
  const fields = {
    email,
    ip: '127.0.0.1',
    url: 'https://www.example.com/chat',
    caseId: `smoke-${Date.now().toString(36)}`,
  };
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

const SAMPLE_CHAT = path.resolve(__dirname, '../sample/integration-api/chat.json');

/** The sample chat under a case ID of its own, so every run adds one row to the Chats tab. */
export function testChat(email: string | undefined, now = Date.now()): Record<string, unknown> {
  const chat = JSON.parse(readFileSync(SAMPLE_CHAT, 'utf8')) as Record<string, unknown>;
  const id = `smoke-test-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
  return {
    ...chat,
    id,
    url: `https://www.snapengage.com/viewcase?c=${id}`,
    created_at_seconds: Math.floor(now / 1000),
    requested_by: email ?? 'smoke.test@example.com',
    description: 'npm run smoke -- --chat',
  };
}

function request(options: SmokeOptions): { target: string; init: RequestInit } {
  const configured = `${options.url}?key=${encodeURIComponent(options.key ?? '')}`;
  if (options.status) return { target: `${options.url}?status=1`, init: {} };
  if (options.chat) {
    const body = JSON.stringify(testChat(options.email));
    return { target: configured, init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body } };
  }
  const fields = snapEngageFields(options.email ?? '');
  if (options.post) {
    return {
      target: configured,
      init: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: fields },
    };
  }
  return { target: `${configured}${options.glued ? '?' : '&'}${fields}`, init: {} };
}

function judge(options: SmokeOptions, result: Exchange): { ok: boolean; verdict: string } {
  if (options.status) {
    const verdict = statusVerdict(result);
    return { ok: verdict.ok, verdict: verdict.ok ? 'up' : verdict.message };
  }
  const failure = lookupFailure(result);
  if (failure) return { ok: false, verdict: failure };
  const body = result.final.body;
  if (options.chat) {
    const recorded = body === 'Chat recorded.';
    return { ok: recorded, verdict: recorded ? 'chat recorded: find its row in the Chats tab' : body };
  }
  const noMatch = body === '' || body.startsWith('No contact found');
  if (noMatch !== Boolean(options.expectNoMatch)) {
    return {
      ok: false,
      verdict: noMatch
        ? 'no contact matched (use --expect-no-match if that is right)'
        : 'a contact matched, but --expect-no-match was given',
    };
  }
  return { ok: true, verdict: noMatch ? 'no match, as expected' : 'contact found' };
}

export async function runSmoke(options: SmokeOptions, fetcher: Fetch = fetch): Promise<SmokeReport> {
  const { target, init } = request(options);
  const count = options.status || options.chat ? 1 : (options.count ?? 1);
  const results: Exchange[] = [];
  for (let i = 0; i < count; i++) results.push(await exchange(target, init, fetcher));
  const [first, ...warm] = results;
  const { ok, verdict } = judge(options, first);
  const failedLater = warm.find((result) => judge(options, result).ok !== ok);
  return {
    ok: ok && !failedLater,
    mode: options.status ? 'status' : options.chat ? 'chat' : 'lookup',
    verdict: failedLater
      ? `the first answer was right, a later one was not: ${judge(options, failedLater).verdict}`
      : verdict,
    body: first.final.body,
    status: first.final.status,
    method: init.method === 'POST' ? 'POST' : 'GET',
    redirected: first.redirected,
    count,
    first: { totalMs: Math.round(first.totalMs * 10) / 10, redirectMs: Math.round(redirectMs(first) * 10) / 10 },
    warm: warm.length
      ? { count: warm.length, totalMs: stats(warm.map((r) => r.totalMs)), redirectMs: stats(warm.map(redirectMs)) }
      : undefined,
  };
}

export function formatReport(report: SmokeReport): string {
  const lines = [
    `${report.ok ? 'OK' : 'FAILED'} (${report.mode}, ${report.method}, HTTP ${report.status}): ${report.verdict}`,
  ];
  const redirect = report.redirected
    ? `, of which ${report.first.redirectMs} ms for the redirect to the echo URL`
    : ', no redirect';
  lines.push(`first: ${report.first.totalMs} ms${redirect}`);
  if (report.warm) {
    const { totalMs: t, redirectMs: r } = report.warm;
    lines.push(
      `warm (${report.warm.count}): median ${t.median} ms, p95 ${t.p95} ms, max ${t.max} ms; redirect median ${r.median} ms`,
    );
  }
  lines.push('---', report.body);
  return lines.join('\n');
}

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

const STDIO: Output = { out: (text) => console.log(text), err: (text) => console.error(text) };

/**
 * The whole command; returns the exit status. With --json, stdout gets exactly one JSON document
 * whatever happens (a wrong option included), and everything for people goes to stderr.
 */
export async function smokeMain(argv: string[], fetcher: Fetch = fetch, io: Output = STDIO): Promise<number> {
  const json = argv.includes('--json');
  let options: SmokeOptions;
  try {
    options = parseSmokeArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (json) io.out(JSON.stringify({ ok: false, verdict: `usage: ${err.message}` }));
    io.err(`smoke: ${err.message}\n${USAGE}`);
    return 2;
  }
  try {
    const report = await runSmoke(options, fetcher);
    if (options.json) io.out(JSON.stringify(report, null, 2));
    else io.out(formatReport(report));
    return report.ok ? 0 : 1;
  } catch (err) {
    const message = err instanceof ProbeError ? err.message : `unexpected failure: ${(err as Error).message}`;
    if (options.json) io.out(JSON.stringify({ ok: false, verdict: message }));
    io.err(`smoke: ${message}`);
    return 2;
  }
}

// process.exit rather than exitCode: fetch's kept-alive sockets would hold the process for seconds.
if (require.main === module) void smokeMain(process.argv.slice(2)).then((status) => process.exit(status));
