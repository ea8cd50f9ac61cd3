/**
 * PropertiesService's script store with the documented limits: 9 KB per value, 500 KB per store
 * (https://developers.google.com/apps-script/guides/services/quotas#current_limitations). Each call
 * counts: reads count against the daily quota, which is why lookups rarely make one.
 */
import { Meter } from './meter';

const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

export class FakeProperties {
  readonly values = new Map<string, string>();

  constructor(private readonly meter: Meter) {}

  private read(method: string): void {
    this.meter.check('properties', method);
    this.meter.add('propertiesReads');
  }

  private write(method: string): void {
    this.meter.check('properties', method);
    this.meter.add('propertiesWrites');
  }

  getProperty(key: string): string | null {
    this.read('getProperty');
    return this.values.get(key) ?? null;
  }

  getProperties(): Record<string, string> {
    this.read('getProperties');
    return Object.fromEntries(this.values);
  }

  setProperty(key: string, value: string): FakeProperties {
    this.write('setProperty');
    this.store({ [key]: String(value) });
    return this;
  }

  /** One call for several properties; with deleteAllOthers, the others go. */
  setProperties(properties: Record<string, string>, deleteAllOthers = false): FakeProperties {
    this.write('setProperties');
    const next = new Map(deleteAllOthers ? [] : this.values);
    for (const [key, value] of Object.entries(properties)) next.set(key, String(value));
    this.commit(next);
    return this;
  }

  private store(properties: Record<string, string>): void {
    const next = new Map(this.values);
    for (const [key, value] of Object.entries(properties)) next.set(key, value);
    this.commit(next);
  }

  /** All or nothing, as one write is on Google. */
  private commit(next: Map<string, string>): void {
    let total = 0;
    for (const [key, value] of next) {
      if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
      total += Buffer.byteLength(key + value, 'utf8');
    }
    if (total > MAX_STORE_BYTES) throw new Error('You have exceeded the property storage quota.');
    this.values.clear();
    for (const [key, value] of next) this.values.set(key, value);
  }

  deleteProperty(key: string): FakeProperties {
    this.write('deleteProperty');
    this.values.delete(key);
    return this;
  }
}

export function fakePropertiesService(script: FakeProperties, document: FakeProperties, user: FakeProperties) {
  return {
    getScriptProperties: () => script,
    getDocumentProperties: () => document,
    getUserProperties: () => user,
  };
}
