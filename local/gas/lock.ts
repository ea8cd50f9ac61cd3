/**
 * LockService's script lock. The local runtime runs one execution at a time, so the lock is free
 * unless a test marks it busy, which is how "could not get the lock" is exercised.
 */
import { Meter } from './meter';

export class FakeLock {
  busy = false;

  constructor(private readonly meter: Meter) {}

  tryLock(timeoutInMillis: number): boolean {
    this.meter.check('lock', 'tryLock');
    void timeoutInMillis;
    return !this.busy;
  }

  releaseLock(): void {
    // Nothing to release: one execution runs at a time here.
  }
}

export function fakeLockService(lock: FakeLock) {
  return { getScriptLock: () => lock };
}
