/**
 * CacheService with Google's documented limits (https://developers.google.com/apps-script/reference/cache/cache):
 * keys up to 250 characters, values up to 100 KB, expiration up to 21600 seconds (6 hours).
 * Exceeding a limit throws, as on Google.
 */
import { Meter } from './meter';

const MAX_KEY_LENGTH = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const MAX_SECONDS = 21600;
const DEFAULT_SECONDS = 600;

export class FakeCache {
  private entries = new Map<string, { value: string; expires: number }>();

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

  get(key: string): string | null {
    this.meter.check('cache', 'get');
    this.meter.add('cacheReads');
    this.checkKey(key);
    return this.live(key);
  }

  getAll(keys: string[]): Record<string, string> {
    this.meter.check('cache', 'getAll');
    this.meter.add('cacheReads');
    const found: Record<string, string> = {};
    for (const key of keys) {
      this.checkKey(key);
      const value = this.live(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }

  put(key: string, value: string, expirationInSeconds = DEFAULT_SECONDS): void {
    this.meter.check('cache', 'put');
    this.meter.add('cacheWrites');
    this.store(key, value, expirationInSeconds);
  }

  private store(key: string, value: string, seconds: number): void {
    this.checkKey(key);
    const text = String(value);
    if (Buffer.byteLength(text, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    const ttl = Math.min(Math.max(1, Math.floor(seconds)), MAX_SECONDS);
    this.entries.set(key, { value: text, expires: this.now() + ttl * 1000 });
  }

  remove(key: string): void {
    this.meter.check('cache', 'remove');
    this.meter.add('cacheWrites');
    this.entries.delete(key);
  }

  removeAll(keys: string[]): void {
    this.meter.check('cache', 'removeAll');
    this.meter.add('cacheWrites');
    for (const key of keys) this.entries.delete(key);
  }

  /** For tests that plant corrupt or foreign entries: writes without metering or limits. */
  plant(key: string, value: string, seconds = MAX_SECONDS): void {
    this.entries.set(key, { value, expires: this.now() + seconds * 1000 });
  }

  keys(): string[] {
    return [...this.entries.keys()];
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
