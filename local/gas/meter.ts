/**
 * Counts what each execution asks of Google's services, lets tests make a service fail, and lets
 * them run another execution in the middle of one (at any of its service calls), which is how two
 * executions are interleaved step by step. The benchmark and the call-count tests read the counts;
 * the app never sees them.
 */

export type ServiceName = 'spreadsheet' | 'sheetsApi' | 'cache' | 'properties' | 'lock';

export interface Counts {
  /** Calls that make Sheets do work: SpreadsheetApp reads, searches and writes, and Sheets API requests. */
  sheetCalls: number;
  /** Cells returned by reads and searches (a found cell counts one). */
  cellsMoved: number;
  propertiesReads: number;
  propertiesWrites: number;
  cacheReads: number;
  cacheWrites: number;
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

export class Meter {
  counts: Counts = Meter.zero();
  fault: Fault | undefined;
  hooks: CallHook[] = [];
  /** The executions running now, outermost first. */
  readonly executions: number[] = [];

  static zero(): Counts {
    return { sheetCalls: 0, cellsMoved: 0, propertiesReads: 0, propertiesWrites: 0, cacheReads: 0, cacheWrites: 0 };
  }

  /** The running execution, innermost; 0 outside any (a test or staff acting directly). */
  current(): number {
    return this.executions[this.executions.length - 1] ?? 0;
  }

  reset(): void {
    this.counts = Meter.zero();
  }

  /** Runs before every metered call: hooks first (they may run other executions), then the injected fault. */
  check(service: ServiceName, method: string): void {
    const execution = this.executions[this.executions.length - 1] ?? 0;
    for (const hook of [...this.hooks]) hook({ service, method, execution, depth: this.executions.length });
    const error = this.fault?.(service, method);
    if (error) throw error;
  }

  add(field: keyof Counts, amount = 1): void {
    this.counts[field] += amount;
  }
}
