/**
 * The shared secret that guards every contact. Only its digest travels beyond Script Properties.
 */

/** Hex SHA-256 of a UTF-8 string; Apps Script supplies it through Utilities.computeDigest. */
export type Sha256Hex = (text: string) => string;

/**
 * A new access key: two random UUIDs without hyphens, 244 random bits (a version-4 UUID carries 122).
 * Utilities.getUuid() draws from a secure generator (java.util.UUID.randomUUID).
 */
export function generateAccessKey(randomUuid: () => string): string {
  return (randomUuid() + randomUuid()).replace(/-/g, '').toLowerCase();
}

/**
 * Equality of two digests that takes the same time wherever they differ, so response timing says
 * nothing about how much of a guessed key was right. Both sides are fixed-length hex digests.
 */
export function digestsEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  return diff === 0;
}

export type KeyCheck = 'ok' | 'refused' | 'not-set-up';

/** Longer than any key we generate; longer input is refused before it is hashed. */
const MAX_KEY_LENGTH = 256;

export function checkAccessKey(given: string | undefined, expectedDigest: string, sha256: Sha256Hex): KeyCheck {
  if (!expectedDigest) return 'not-set-up';
  const candidate = given === undefined || given.length > MAX_KEY_LENGTH ? '' : given.trim();
  // Always hash, so a missing key costs the same as a wrong one.
  const match = digestsEqual(sha256(candidate), expectedDigest);
  return match && candidate !== '' ? 'ok' : 'refused';
}
