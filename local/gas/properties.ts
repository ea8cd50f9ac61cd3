/**
 * PropertiesService's script store with the documented limits: 9 KB per value, 500 KB per store
 * (https://developers.google.com/apps-script/guides/services/quotas#current_limitations).
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
    this.store(key, String(value));
    return this;
  }

  private store(key: string, value: string): void {
    if (Buffer.byteLength(value, 'utf8') > MAX_VALUE_BYTES) throw new Error('Argument too large: value');
    const previous = this.values.get(key);
    this.values.set(key, value);
    let total = 0;
    for (const [k, v] of this.values) total += Buffer.byteLength(k + v, 'utf8');
    if (total > MAX_STORE_BYTES) {
      if (previous === undefined) this.values.delete(key);
      else this.values.set(key, previous);
      throw new Error('You have exceeded the property storage quota.');
    }
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
