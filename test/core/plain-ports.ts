/** Plain-object ports for unit tests of the core; the fakes of local/gas are for bundle tests. */
import { createHash } from 'node:crypto';
import { CachePort, LockPort, Logger, PropertiesPort } from '../../src/core/ports';

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export class MapCache implements CachePort {
  map = new Map<string, string>();
  reads = 0;
  writes = 0;
  getAll(keys: string[]) {
    this.reads++;
    return Object.fromEntries(keys.filter((k) => this.map.has(k)).map((k) => [k, this.map.get(k)!]));
  }
  put(key: string, value: string) {
    this.writes++;
    this.map.set(key, value);
  }
  removeAll(keys: string[]) {
    this.writes++;
    keys.forEach((k) => this.map.delete(k));
  }
}

export class MapProperties implements PropertiesPort {
  map = new Map<string, string>();
  reads = 0;
  getAll() {
    this.reads++;
    return Object.fromEntries(this.map);
  }
  set(key: string, value: string) {
    this.map.set(key, value);
  }
  remove(key: string) {
    this.map.delete(key);
  }
}

export class TestLock implements LockPort {
  available = true;
  held = false;
  withLock<T>(work: (locked: boolean) => T): T {
    const locked = this.available && !this.held;
    if (locked) this.held = true;
    try {
      return work(locked);
    } finally {
      if (locked) this.held = false;
    }
  }
}

export class ListLogger implements Logger {
  errors: string[] = [];
  warnings: string[] = [];
  error(message: string) {
    this.errors.push(message);
  }
  warn(message: string) {
    this.warnings.push(message);
  }
  infos: string[] = [];
  info(message: string) {
    this.infos.push(message);
  }
}
