/**
 * Google's per-minute and per-day budgets for the calls the app makes, enforced on the runtime's
 * clock (so tests that move the clock are deterministic), each refusing the way Google refuses:
 *
 * - Sheets API read requests: 60 per minute per user, 300 per minute per project
 *   (https://developers.google.com/sheets/api/limits). Over either, the advanced service throws what
 *   Apps Script throws for the HTTP 429. The web app runs as its deployer, so every visitor is one
 *   user. Counted over the last 60 seconds, which is never kinder than Google's per-minute refill.
 *   `failSheetsApi(n)` makes the next n requests fail as a transient HTTP 503 does.
 * - Properties: 50,000 reads and writes per day on consumer accounts, 500,000 on Workspace
 *   (https://developers.google.com/apps-script/guides/services/quotas: "Quotas are per user and
 *   reset 24 hours after the first request"). Over it, every Properties call throws "Service invoked
 *   too many times for one day: properties.", the form Apps Script uses for daily quotas.
 * - Triggers' total runtime: 90 minutes per day consumer, 6 hours Workspace (same page), counted in
 *   the cost model's milliseconds (google-costs.ts) of each trigger execution; once spent, triggers
 *   do not run until the day is over, as on Google.
 * - Simultaneous executions: 30 per user (same page, "Current limitations"). Executions here run one
 *   at a time, so only the local server (local/server.ts) can meet this one; the limit lives here.
 * CacheService's item cap (1,000, then the 900 farthest from expiry are kept) is in cache.ts.
 *
 * Each limit can be changed or switched off (Infinity) through the runtime's `budgets` option.
 */
import type { Admission, ServiceName } from './meter';

export interface BudgetLimits {
  sheetsApiReadsPerMinutePerUser: number;
  sheetsApiReadsPerMinutePerProject: number;
  propertiesCallsPerDay: number;
  triggerRuntimeMsPerDay: number;
  simultaneousExecutionsPerUser: number;
}

/** Consumer accounts (gmail.com): what the local runtime enforces unless told otherwise. */
export const CONSUMER_BUDGETS: BudgetLimits = {
  sheetsApiReadsPerMinutePerUser: 60,
  sheetsApiReadsPerMinutePerProject: 300,
  propertiesCallsPerDay: 50_000,
  triggerRuntimeMsPerDay: 90 * 60_000,
  simultaneousExecutionsPerUser: 30,
};

export const WORKSPACE_BUDGETS: BudgetLimits = {
  ...CONSUMER_BUDGETS,
  propertiesCallsPerDay: 500_000,
  triggerRuntimeMsPerDay: 6 * 60 * 60_000,
};

/** Every budget off, for tests about something else. */
export const NO_BUDGETS: BudgetLimits = {
  sheetsApiReadsPerMinutePerUser: Infinity,
  sheetsApiReadsPerMinutePerProject: Infinity,
  propertiesCallsPerDay: Infinity,
  triggerRuntimeMsPerDay: Infinity,
  simultaneousExecutionsPerUser: Infinity,
};

/** A made-up Cloud project number: the default project Apps Script creates has one, and the 429 names it. */
export const PROJECT_NUMBER = '100000000001';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export function sheetsApiQuotaError(method: string, perUser: boolean): Error {
  const limit = perUser ? 'Read requests per minute per user' : 'Read requests per minute';
  return new Error(
    `GoogleJsonResponseException: API call to sheets.${method} failed with error: Quota exceeded for quota metric ` +
      `'Read requests' and limit '${limit}' of service 'sheets.googleapis.com' for consumer 'project_number:${PROJECT_NUMBER}'.`,
  );
}

export function sheetsApiUnavailableError(method: string): Error {
  return new Error(
    `GoogleJsonResponseException: API call to sheets.${method} failed with error: The service is currently unavailable.`,
  );
}

export const PROPERTIES_QUOTA_MESSAGE = 'Service invoked too many times for one day: properties.';

/** A count that starts over 24 hours after its first use, as Google's daily quotas do. */
class DailyCount {
  private start: number | undefined;
  used = 0;

  current(now: number): number {
    if (this.start !== undefined && now >= this.start + DAY) {
      this.start = undefined;
      this.used = 0;
    }
    return this.used;
  }

  add(now: number, amount: number): void {
    this.current(now);
    this.start ??= now;
    this.used += amount;
  }
}

export interface BudgetStats {
  /** Sheets API read requests asked for, refused ones included. */
  sheetsApiReads: number;
  sheetsApiRefused: number;
  /** The most Sheets API read requests asked for within any 60 seconds. */
  peakSheetsApiReadsPerMinute: number;
  propertiesCalls: number;
  propertiesRefused: number;
  triggerMs: number;
  triggerExecutions: number;
  triggersNotRun: number;
}

export class Budgets implements Admission {
  limits: BudgetLimits;
  /** Admitted Sheets API reads of the last minute: [time, user]. */
  private recentReads: [number, string][] = [];
  /** Every read asked for in the last minute, refused ones included, for the peak. */
  private recentAsked: number[] = [];
  private readonly properties = new DailyCount();
  private readonly triggers = new DailyCount();
  private unavailable = 0;
  readonly stats: BudgetStats = {
    sheetsApiReads: 0,
    sheetsApiRefused: 0,
    peakSheetsApiReadsPerMinute: 0,
    propertiesCalls: 0,
    propertiesRefused: 0,
    triggerMs: 0,
    triggerExecutions: 0,
    triggersNotRun: 0,
  };

  constructor(
    limits: Partial<BudgetLimits>,
    private readonly now: () => number,
    private readonly user: () => string,
  ) {
    this.limits = { ...CONSUMER_BUDGETS, ...limits };
  }

  /** The next `count` Sheets API requests fail as an HTTP 503 (a transient error on Google's side). */
  failSheetsApi(count = 1): void {
    this.unavailable += count;
  }

  admit(service: ServiceName, method: string): void {
    if (service === 'sheetsApi') this.admitSheetsApiRead(method);
    if (service === 'properties') this.admitPropertiesCall();
  }

  private admitSheetsApiRead(method: string): void {
    const now = this.now();
    this.stats.sheetsApiReads++;
    this.recentAsked = this.recentAsked.filter((t) => t > now - MINUTE);
    this.recentAsked.push(now);
    this.stats.peakSheetsApiReadsPerMinute = Math.max(this.stats.peakSheetsApiReadsPerMinute, this.recentAsked.length);
    if (this.unavailable > 0) {
      this.unavailable--;
      throw sheetsApiUnavailableError(method);
    }
    this.recentReads = this.recentReads.filter(([t]) => t > now - MINUTE);
    const user = this.user();
    const byUser = this.recentReads.filter(([, u]) => u === user).length;
    if (byUser >= this.limits.sheetsApiReadsPerMinutePerUser) {
      this.stats.sheetsApiRefused++;
      throw sheetsApiQuotaError(method, true);
    }
    if (this.recentReads.length >= this.limits.sheetsApiReadsPerMinutePerProject) {
      this.stats.sheetsApiRefused++;
      throw sheetsApiQuotaError(method, false);
    }
    this.recentReads.push([now, user]);
  }

  private admitPropertiesCall(): void {
    const now = this.now();
    this.stats.propertiesCalls++;
    if (this.properties.current(now) >= this.limits.propertiesCallsPerDay) {
      this.stats.propertiesRefused++;
      throw new Error(PROPERTIES_QUOTA_MESSAGE);
    }
    this.properties.add(now, 1);
  }

  /** Whether a trigger may start now: not once the day's trigger runtime is spent. */
  mayRunTrigger(): boolean {
    if (this.triggers.current(this.now()) < this.limits.triggerRuntimeMsPerDay) return true;
    this.stats.triggersNotRun++;
    return false;
  }

  /** A trigger execution ended after `ms` modeled milliseconds. */
  triggerRan(ms: number, started: number): void {
    this.triggers.add(started, ms);
    this.stats.triggerMs += ms;
    this.stats.triggerExecutions++;
  }
}
