/**
 * npm run smoke -- <exec-url> --key KEY --email EMAIL [--post] [--glued] [--expect-no-match]
 * npm run smoke -- <exec-url> --status
 * Calls a deployment the way SnapEngage does and exits non-zero on a refusal, an error text or an
 * unexpected no-match. --status checks the deployment is up and its version, with no key.
 */
import { randomUUID } from 'node:crypto';
import { AGENT } from '../src/core/messages';

export interface SmokeOptions {
  url: string;
  key?: string;
  email?: string;
  post?: boolean;
  glued?: boolean;
  expectNoMatch?: boolean;
  status?: boolean;
}

export interface SmokeResult {
  ok: boolean;
  status: number;
  ms: number;
  body: string;
  verdict: string;
}

/** The texts that mean the lookup did not happen. Request errors are recognised by their wording. */
const FAILURES: [RegExp, string][] = [
  [new RegExp(`^${escape(AGENT.refused)}$`), 'refused: the key is wrong or missing'],
  [new RegExp(`^${escape(AGENT.setupNeeded)}$`), 'not set up: run Contact lookup > Set up in the spreadsheet'],
  [new RegExp(`^${escape(AGENT.notConfigured)}$`), 'not configured: run Contact lookup > Check setup'],
  [new RegExp(`^${escape(AGENT.unavailable)}$`), 'the app failed: see Executions in the Apps Script editor'],
  [
    /^(Missing email|The (email|key|ip|url|caseId|status) (parameter|field)|The request body|The JSON body|Unsupported request body)/,
    'the request was refused as malformed',
  ],
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function snapEngageFields(email: string): string {
  const fields = { email, ip: '127.0.0.1', url: 'https://www.example.com/chat', caseId: randomUUID() };
  return Object.entries(fields)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
}

export async function smoke(options: SmokeOptions): Promise<SmokeResult> {
  const base = options.url;
  let target: string;
  let init: RequestInit = {};
  if (options.status) {
    target = `${base}?status=1`;
  } else {
    if (!options.key || !options.email) throw new Error('--key and --email are required (or --status)');
    const configured = `${base}?key=${encodeURIComponent(options.key)}`;
    const fields = snapEngageFields(options.email);
    if (options.post) {
      target = configured;
      init = { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: fields };
    } else {
      target = `${configured}${options.glued ? '?' : '&'}${fields}`;
    }
  }
  const started = performance.now();
  // Apps Script answers /exec with a 302 to a one-time content URL; fetch follows it.
  const response = await fetch(target, { ...init, redirect: 'follow' });
  const body = await response.text();
  const ms = Math.round(performance.now() - started);
  if (response.status !== 200)
    return { ok: false, status: response.status, ms, body, verdict: `HTTP ${response.status}` };
  if (options.status) {
    const ok = /^Contact lookup is running\. Version \S+\.$/.test(body);
    return {
      ok,
      status: response.status,
      ms,
      body,
      verdict: ok ? 'up' : 'unexpected answer: is this the contact lookup web app?',
    };
  }
  const failure = FAILURES.find(([pattern]) => pattern.test(body));
  if (failure) return { ok: false, status: response.status, ms, body, verdict: failure[1] };
  const noMatch = body === '' || body.startsWith('No contact found');
  if (noMatch !== Boolean(options.expectNoMatch)) {
    return {
      ok: false,
      status: response.status,
      ms,
      body,
      verdict: noMatch
        ? 'no contact matched (use --expect-no-match if that is right)'
        : 'a contact matched, but --expect-no-match was given',
    };
  }
  return { ok: true, status: response.status, ms, body, verdict: noMatch ? 'no match, as expected' : 'contact found' };
}

function parseArgs(argv: string[]): SmokeOptions {
  const url = argv.find((a) => /^https?:\/\//.test(a));
  if (!url)
    throw new Error(
      'usage: npm run smoke -- <exec-url> --key KEY --email EMAIL [--post] [--glued] [--expect-no-match] | <exec-url> --status',
    );
  const value = (name: string) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    url: url.replace(/\?.*$/, ''),
    key: value('--key'),
    email: value('--email'),
    post: argv.includes('--post'),
    glued: argv.includes('--glued'),
    expectNoMatch: argv.includes('--expect-no-match'),
    status: argv.includes('--status'),
  };
}

async function main(): Promise<void> {
  try {
    const result = await smoke(parseArgs(process.argv.slice(2)));
    console.log(`status ${result.status}, ${result.ms} ms: ${result.verdict}\n---\n${result.body}`);
    process.exit(result.ok ? 0 : 1);
  } catch (err) {
    console.error(`smoke: ${(err as Error).message}`);
    process.exit(2);
  }
}

if (require.main === module) void main();
