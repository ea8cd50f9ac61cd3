/**
 * LockService's script lock. The local runtime runs one execution at a time, so the lock is free
 * unless a test marks it busy, which is how "could not get the lock" is exercised.
 */
import { Meter } from './meter';

export class FakeLock {
  busy = false;
  held = false;

  constructor(private readonly meter: Meter) {}

  tryLock(timeoutInMillis: number): boolean {
    this.meter.check('lock', 'tryLock');
    void timeoutInMillis;
    if (this.busy) return false;
    this.held = true;
    return true;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) throw new Error('Lock timeout: another process was holding the lock for too long.');
  }

  hasLock(): boolean {
    return this.held;
  }

  releaseLock(): void {
    this.held = false;
  }
}

export function fakeLockService(lock: FakeLock) {
  return { getScriptLock: () => lock, getDocumentLock: () => lock, getUserLock: () => lock };
}
