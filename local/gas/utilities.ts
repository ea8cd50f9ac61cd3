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
};
