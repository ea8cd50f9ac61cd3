import { REQUEST } from '../messages';
import { hasControlChars } from '../text';

/** RFC 5321 limits a forward path to 256 octets including the angle brackets: 254 for the address. */
export const MAX_EMAIL_LENGTH = 254;

export type EmailCheck = { ok: true; email: string } | { ok: false; error: string };

/** How emails are compared everywhere: trimmed and lower-cased, nothing else. */
export function normalizeEmail(text: string): string {
  return text.trim().toLowerCase();
}

// One @, something on both sides, a dot in the domain, no spaces. Deliberately loose: the sheet, not
// this check, decides what exists, and `%`, `*`, `?`, `(`, `+` are ordinary characters here.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;

export function checkEmail(raw: string | undefined): EmailCheck {
  const email = normalizeEmail(raw ?? '');
  const error = !email
    ? REQUEST.missingEmail
    : hasControlChars(raw ?? '')
      ? REQUEST.emailControlChars
      : email.length > MAX_EMAIL_LENGTH
        ? REQUEST.emailTooLong(MAX_EMAIL_LENGTH)
        : !EMAIL_SHAPE.test(email) && REQUEST.notAnEmail;
  return error ? { ok: false, error } : { ok: true, email };
}
