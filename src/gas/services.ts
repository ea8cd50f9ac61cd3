/**
 * Apps Script's services seen through the core's ports. Nothing here decides anything; each
 * function is a thin translation, proven by the bundle tests on the local runtime.
 */
import { generateAccessKey, Sha256Hex } from '../core/request/auth';
import { because, LOG } from '../core/messages';
import { CachePort, LockPort, Platform, PropertiesPort } from '../core/ports';

/** The one wait for the script lock, everywhere: lookups, triggers, chats, menu actions. */
export const LOCK_WAIT_MS = 5000;

export function scriptProperties(): PropertiesPort {
  const properties = PropertiesService.getScriptProperties();
  return {
    getAll: () => properties.getProperties(),
    setAll: (values) => void properties.setProperties(values, false),
    remove: (key) => void properties.deleteProperty(key),
  };
}

/** Whether this execution wrote to the spreadsheet since the last flush. */
let unflushedWrites = false;

/** Called by every spreadsheet write of the app's adapters, so the lock knows to flush before letting go. */
export function noteWrite(): void {
  unflushedWrites = true;
}

/** SpreadsheetApp.flush() when this execution wrote since the last one: its writes become everyone's. */
export function flushWrites(): void {
  if (!unflushedWrites) return;
  SpreadsheetApp.flush();
  unflushedWrites = false;
}

/**
 * The script lock. Google's Lock guide: when writing to a spreadsheet under a lock, call
 * SpreadsheetApp.flush() before releasing it, or the next holder may read the sheet without those
 * writes (a stale last row, a missed duplicate). When flush() itself fails, the lock is not released
 * here: Google applies the writes and releases the lock when the execution ends.
 */
function scriptLock(): LockPort {
  return {
    withLock<T>(work: (locked: boolean) => T): T {
      const lock = LockService.getScriptLock();
      let locked = false;
      try {
        locked = lock.tryLock(LOCK_WAIT_MS);
      } catch (err) {
        console.warn(because(LOG.lockFailed, err));
      }
      try {
        return work(locked);
      } finally {
        if (locked) {
          flushWrites();
          lock.releaseLock();
        }
      }
    },
  };
}

export function platform(): Platform {
  return {
    // Google's Cache and console already have the ports' shape.
    cache: CacheService.getScriptCache() as CachePort,
    properties: scriptProperties(),
    lock: scriptLock(),
    log: console,
    now: () => Date.now(),
    random: Math.random,
  };
}

export const sha256Hex: Sha256Hex = (text) =>
  Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)
    .map((b) => (b & 255).toString(16).padStart(2, '0'))
    .join('');

/** Utilities.getUuid() draws from a secure generator (java.util.UUID.randomUUID). */
export const newAccessKey = () => generateAccessKey(() => Utilities.getUuid());
