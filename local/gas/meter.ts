/**
 * Counts what an execution asks of each Google service, and lets tests make a service fail.
 * The benchmark and the call-count tests read these numbers; the app never sees them.
 */

export type ServiceName = 'spreadsheet' | 'cache' | 'properties' | 'lock';

export interface Counts {
  /** Calls that make Sheets do work: reads, searches, writes, structure. See spreadsheet.ts. */
  sheetCalls: number;
  /** Cells returned by reads and searches (a found cell counts one). */
  cellsMoved: number;
  propertiesReads: number;
  propertiesWrites: number;
  cacheReads: number;
  cacheWrites: number;
}

/** Decides, before a service call runs, whether it fails; return an Error to throw it. */
export type Fault = (service: ServiceName, method: string) => Error | undefined;

export class Meter {
  counts: Counts = Meter.zero();
  fault: Fault | undefined;

  static zero(): Counts {
    return { sheetCalls: 0, cellsMoved: 0, propertiesReads: 0, propertiesWrites: 0, cacheReads: 0, cacheWrites: 0 };
  }

  reset(): void {
    this.counts = Meter.zero();
  }

  /** Runs before every metered call: raises the injected fault, if any. */
  check(service: ServiceName, method: string): void {
    const error = this.fault?.(service, method);
    if (error) throw error;
  }

  add(field: keyof Counts, amount = 1): void {
    this.counts[field] += amount;
  }
}
