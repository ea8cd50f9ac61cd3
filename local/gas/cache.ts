/**
 * CacheService's script cache as Google documents it
 * (https://developers.google.com/apps-script/reference/cache/cache): keys up to 250 characters,
 * values up to 100 KB, expiration up to 21600 seconds, and exceeding a limit throws. Google is
 * less kind than a plain map, and so is this: "the specified expiration time is only a
 * suggestion; cached data may be removed before this time", and past 1,000 items "the cache stores
 * the 900 items farthest from expiration". Tests evict entries early with evict().
 */
import { Meter } from './meter';

const MAX_KEY_LENGTH = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const MAX_SECONDS = 21600;
const DEFAULT_SECONDS = 600;
const MAX_ITEMS = 1000;
const KEPT_ITEMS = 900;

export class FakeCache {
  private entries = new Map<string, { value: string; expires: number }>();
  /** Live entries dropped by the item cap (not by expiry, not by evict()): the cost of a full cache. */
  dropped = 0;

  constructor(
    private readonly meter: Meter,
    private readonly now: () => number,
  ) {}

  private live(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }

  private checkKey(key: string): void {
    if (typeof key !== 'string' || key.length === 0) throw new Error('Invalid argument: key');
    if (key.length > MAX_KEY_LENGTH) throw new Error(`Argument too large: key (${key.length} > ${MAX_KEY_LENGTH})`);
  }

  private read(method: string): void {
    this.meter.check('cache', method);
    this.meter.add('cacheReads');
  }

  private write(method: string): void {
    this.meter.check('cache', method);
    this.meter.add('cacheWrites');
  }

  get(key: string): string | null {
    this.read('get');
    this.checkKey(key);
    return this.live(key);
  }

  getAll(keys: string[]): Record<string, string> {
    this.read('getAll');
    const found: Record<string, string> = {};
    for (const key of keys) {
      this.checkKey(key);
      const value = this.live(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }

  put(key: string, value: string, expirationInSeconds = DEFAULT_SECONDS): void {
    this.write('put');
    this.store({ [key]: value }, expirationInSeconds);
  }

  putAll(values: Record<string, string>, expirationInSeconds = DEFAULT_SECONDS): void {
    this.write('putAll');
    this.store(values, expirationInSeconds);
  }

  /** All or nothing: every key and value is checked before any is stored. */
  private store(values: Record<string, string>, seconds: number): void {
    for (const [key, value] of Object.entries(values)) {
      this.checkKey(key);
      if (Buffer.byteLength(String(value), 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    }
    const ttl = Math.min(Math.max(1, Math.floor(seconds)), MAX_SECONDS);
    for (const [key, value] of Object.entries(values)) {
      this.entries.set(key, { value: String(value), expires: this.now() + ttl * 1000 });
    }
    this.enforceCapacity();
  }

  private enforceCapacity(): void {
    if (this.entries.size <= MAX_ITEMS) return;
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    if (this.entries.size <= MAX_ITEMS) return;
    const kept = [...this.entries].sort((a, b) => b[1].expires - a[1].expires).slice(0, KEPT_ITEMS);
    this.dropped += this.entries.size - kept.length;
    this.entries = new Map(kept);
  }

  remove(key: string): void {
    this.write('remove');
    this.entries.delete(key);
  }

  removeAll(keys: string[]): void {
    this.write('removeAll');
    for (const key of keys) this.entries.delete(key);
  }

  /** Drops entries before their expiry, as Google may: all of them, or those `which` picks. */
  evict(which: (key: string) => boolean = () => true): void {
    for (const key of [...this.entries.keys()]) if (which(key)) this.entries.delete(key);
  }

  /** For tests that plant corrupt or foreign entries: writes without metering or limits. */
  plant(key: string, value: string, seconds = MAX_SECONDS): void {
    this.entries.set(key, { value, expires: this.now() + seconds * 1000 });
  }

  /** The live entries, for tests that inspect or corrupt what the app cached. */
  snapshot(): Record<string, string> {
    const live: Record<string, string> = {};
    for (const key of this.entries.keys()) {
      const value = this.live(key);
      if (value !== null) live[key] = value;
    }
    return live;
  }

  size(): number {
    return Object.keys(this.snapshot()).length;
  }

  clear(): void {
    this.entries.clear();
  }
}

export function fakeCacheService(cache: FakeCache) {
  return {
    getScriptCache: () => cache,
  };
}
