/**
 * The narrow views of Google's services that the core modules use. src/google.ts implements them
 * with Apps Script; unit tests implement them with plain objects.
 */

export interface CachePort {
  /** One CacheService call for several keys; missing keys are absent from the result. */
  getAll(keys: string[]): Record<string, string>;
  put(key: string, value: string, seconds: number): void;
  removeAll(keys: string[]): void;
}

export interface PropertiesPort {
  /** One PropertiesService read for every property. */
  getAll(): Record<string, string>;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface LockPort {
  /** Runs `work` holding the script lock; runs it unlocked (locked = false) if the lock is not had in time. */
  withLock<T>(work: (locked: boolean) => T): T;
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  /** One line per lookup: outcome and match count, never an email. */
  info(message: string): void;
}
