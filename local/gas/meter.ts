/**
 * Counts what each execution asks of Google's services, lets tests make a service fail, and lets
 * them run another execution in the middle of one (at any of its service calls), which is how two
 * executions are interleaved step by step. The benchmark and the call-count tests read the counts;
 * the app never sees them.
 */

import { callCost, CostedService } from '../../src/core/admin/google-costs';

export type ServiceName = CostedService;

export interface Counts {
  /** Calls that make Sheets do work: SpreadsheetApp reads, searches and writes, and Sheets API requests. */
  sheetCalls: number;
  /** Of those, Sheets API (advanced service) requests: the ones under a per-minute quota. */
  sheetsApiCalls: number;
  /** Cells returned by reads and searches (a found cell counts one). */
  cellsMoved: number;
  propertiesReads: number;
  propertiesWrites: number;
  cacheReads: number;
  cacheWrites: number;
  /** What these calls would take on Google by the cost model (src/core/admin/google-costs.ts), lock waits included. */
  modeledMs: number;
}

export interface ServiceCall {
  service: ServiceName;
  method: string;
  /** The execution making the call, and how deep it is nested (1 for an execution started by a test). */
  execution: number;
  depth: number;
}

/** Decides, before a service call runs, whether it fails; return an Error to throw it. */
export type Fault = (service: ServiceName, method: string) => Error | undefined;

/** Runs before every service call; a test's hook may start another execution right there. */
export type CallHook = (call: ServiceCall) => void;

/** Google's budgets (budgets.ts): refuses a call, by throwing, when one is spent. */
export interface Admission {
  admit(service: ServiceName, method: string): void;
}

export class Meter {
  counts: Counts = Meter.zero();
  fault: Fault | undefined;
  hooks: CallHook[] = [];
  budgets: Admission | undefined;
  /** The executions running now, outermost first. */
  readonly executions: number[] = [];
  /** The modeled milliseconds of each execution in `executions`, same order. */
  private readonly executionMs: number[] = [];

  static zero(): Counts {
    return {
      sheetCalls: 0,
      sheetsApiCalls: 0,
      cellsMoved: 0,
      propertiesReads: 0,
      propertiesWrites: 0,
      cacheReads: 0,
      cacheWrites: 0,
      modeledMs: 0,
    };
  }

  begin(execution: number): void {
    this.executions.push(execution);
    this.executionMs.push(0);
  }

  /** Ends the innermost execution; returns its modeled milliseconds. */
  end(): number {
    this.executions.pop();
    return this.executionMs.pop() ?? 0;
  }

  /** The running execution, innermost; 0 outside any (a test or staff acting directly). */
  current(): number {
    return this.executions[this.executions.length - 1] ?? 0;
  }

  reset(): void {
    this.counts = Meter.zero();
  }

  /**
   * Runs before every metered call: hooks first (they may run other executions), then the injected
   * fault, then Google's budgets; a call that goes ahead adds its modeled cost.
   */
  check(service: ServiceName, method: string): void {
    const execution = this.executions[this.executions.length - 1] ?? 0;
    for (const hook of [...this.hooks]) hook({ service, method, execution, depth: this.executions.length });
    const error = this.fault?.(service, method);
    if (error) throw error;
    this.budgets?.admit(service, method);
    this.spend(callCost(service, method).ms);
  }

  /** The per-cell part of a call's cost, once the call knows how many cells it scanned, read or wrote. */
  cells(service: ServiceName, method: string, cells: number): void {
    this.spend((callCost(service, method).perCellMs ?? 0) * cells);
  }

  /** Time an execution spends on Google beyond its calls' cost (waiting for a lock). */
  spend(ms: number): void {
    this.counts.modeledMs += ms;
    if (this.executionMs.length > 0) this.executionMs[this.executionMs.length - 1] += ms;
  }

  add(field: keyof Counts, amount = 1): void {
    this.counts[field] += amount;
  }
}
