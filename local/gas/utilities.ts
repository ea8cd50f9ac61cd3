/** Utilities (https://developers.google.com/apps-script/reference/utilities/utilities). */
import { createHash, randomUUID } from 'node:crypto';

const ALGORITHMS = { MD5: 'md5', SHA_1: 'sha1', SHA_256: 'sha256', SHA_384: 'sha384', SHA_512: 'sha512' } as const;

export const fakeUtilities = {
  DigestAlgorithm: Object.fromEntries(Object.keys(ALGORITHMS).map((k) => [k, k])),
  Charset: { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' },
  /** Byte[] as Apps Script returns it: signed Java bytes (-128..127). */
  computeDigest(algorithm: string, value: string, charset = 'UTF_8'): number[] {
    const name = ALGORITHMS[algorithm as keyof typeof ALGORITHMS];
    if (!name) throw new Error('Invalid argument: algorithm');
    const digest = createHash(name)
      .update(Buffer.from(String(value), charset === 'US_ASCII' ? 'latin1' : 'utf8'))
      .digest();
    return [...digest].map((b) => (b > 127 ? b - 256 : b));
  },
  getUuid: () => randomUUID(),
  /** The patterns the app uses: yyyy-MM-dd, HH, mm, ss (Java's SimpleDateFormat letters), in an IANA time zone. */
  formatDate(date: Date, timeZone: string, pattern: string): string {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(date)
        .map((part) => [part.type, part.value]),
    );
    return pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (token) => {
      const field = { yyyy: 'year', MM: 'month', dd: 'day', HH: 'hour', mm: 'minute', ss: 'second' }[token] as string;
      return parts[field];
    });
  },
};
