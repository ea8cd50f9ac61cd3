/** The fixed texts agents may see. Each tells the reader what to do next. */
export const MESSAGES = {
  /** The one answer to a missing or wrong key: it says nothing about the sheet. */
  refused: 'Access denied: this contact lookup URL needs a valid key.',
  setupNeeded:
    'Contact lookup is not set up yet. Ask your admin to open the contacts spreadsheet and run Contact lookup > Set up.',
  notConfigured:
    'Contact lookup is not configured correctly. Ask your admin to run Contact lookup > Check setup in the contacts spreadsheet.',
  unavailable: 'Contact lookup is unavailable right now. Please try again in a minute.',
} as const;
