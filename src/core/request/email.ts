import { FIELD_RULES, hasControlChars } from './cleaning';
import { REQUEST } from '../messages';

/** RFC 5321 limits a forward path to 256 octets including the angle brackets: 254 for the address. */
export const MAX_EMAIL_LENGTH = FIELD_RULES.email.max;

export type EmailCheck = { ok: true; email: string } | { ok: false; error: string };

// One @, something on both sides, a dot in the domain, no spaces. Deliberately loose: the sheet, not
// this check, decides what exists, and `%`, `*`, `?`, `(`, `+` are ordinary characters here.
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.][^\s@]*\.[^\s@]+$/;

/** Whether an email already cleaned (cleanEmail) can be looked up, or what is wrong with it. */
export function checkEmail(cleaned: string | undefined): EmailCheck {
  const email = cleaned ?? '';
  const error = !email
    ? REQUEST.missingEmail
    : hasControlChars(email)
      ? REQUEST.emailControlChars
      : email.length > MAX_EMAIL_LENGTH
        ? REQUEST.emailTooLong(MAX_EMAIL_LENGTH)
        : !EMAIL_SHAPE.test(email) && REQUEST.notAnEmail;
  return error ? { ok: false, error } : { ok: true, email };
}
