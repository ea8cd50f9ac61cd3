/**
 * LockService's script lock, one for all executions of the runtime
 * (https://developers.google.com/apps-script/reference/lock/lock). An execution holding it keeps
 * every other execution out: tryLock(timeout) waits and returns false, waitLock(timeout) waits and
 * throws "Lock timeout: another process was holding the lock for too long." The wait moves the
 * runtime's clock by the timeout. A lock still held when its execution ends is released, as Google
 * releases it when the script finishes. Two Lock objects of one execution contend like two
 * executions: whether Google lets an execution take the script lock twice is not documented, and
 * the app never needs to. Releasing the lock with spreadsheet writes still pending (no
 * SpreadsheetApp.flush() since) is recorded, and the runtime fails the execution for it.
 */
import { Meter } from './meter';

export const LOCK_TIMEOUT_MESSAGE = 'Lock timeout: another process was holding the lock for too long.';

export class ScriptLockState {
  holder: FakeLock | 'elsewhere' | undefined;
  /**
   * Executions that released the lock while their spreadsheet writes were still pending: the next
   * holder could read the sheet without them (Google's Lock guide: flush before releasing). The
   * runtime fails the execution's caller when this grows.
   */
  readonly unflushedReleases: number[] = [];
  /** How many times an execution had to give up waiting. */
  timeouts = 0;

  /** Another execution, outside what a test drives, holds the lock until releaseElsewhere(). */
  holdElsewhere(): void {
    this.holder = 'elsewhere';
  }

  releaseElsewhere(): void {
    if (this.holder === 'elsewhere') this.holder = undefined;
  }
}

export class FakeLock {
  constructor(
    private readonly state: ScriptLockState,
    private readonly meter: Meter,
    readonly execution: number,
    private readonly wait: (ms: number) => void,
    /** Whether this execution has spreadsheet writes not yet flushed. */
    private readonly pendingWrites: () => boolean = () => false,
  ) {}

  private take(method: string, timeoutInMillis: number): boolean {
    this.meter.check('lock', method);
    if (this.state.holder === undefined || this.state.holder === this) {
      this.state.holder = this;
      return true;
    }
    // The holder is suspended (a test runs this execution in the middle of it), so it cannot let go in time.
    this.wait(Math.max(0, timeoutInMillis));
    this.state.timeouts++;
    return false;
  }

  tryLock(timeoutInMillis: number): boolean {
    return this.take('tryLock', timeoutInMillis);
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.take('waitLock', timeoutInMillis)) throw new Error(LOCK_TIMEOUT_MESSAGE);
  }

  hasLock(): boolean {
    return this.state.holder === this;
  }

  releaseLock(): void {
    if (this.state.holder !== this) return;
    if (this.pendingWrites()) this.state.unflushedReleases.push(this.execution);
    this.state.holder = undefined;
  }
}
