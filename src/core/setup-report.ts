/**
 * The Check setup report: everything an admin needs to know in one plain-language text.
 */
import { Config } from './config';
import { checkEmail, normalizeEmail } from './email';
import { unknownPlaceholders } from './format';

export interface SetupFacts {
  build: string;
  keySet: boolean;
  triggerInstalled: boolean;
  webAppUrl: string | undefined;
  lastLookup: Date | undefined;
  /** Built fresh from the spreadsheet for this report. */
  config: Config;
  /** Display values of the email columns (in config.layout.emailColumns order) for rows 2 and down. */
  emailCells: string[][];
}

/** How many examples a finding lists before it only counts. */
const EXAMPLES = 5;

function examples(items: string[]): string {
  const shown = items.slice(0, EXAMPLES).join('; ');
  return items.length > EXAMPLES ? `${shown}; and ${items.length - EXAMPLES} more` : shown;
}

export function contactFindings(emailCells: string[][], headers: string[], emailColumns: number[]) {
  let contacts = 0;
  const rowsByEmail = new Map<string, number[]>();
  const notEmails: string[] = [];
  emailCells.forEach((cells, i) => {
    const row = i + 2;
    let hasEmail = false;
    cells.forEach((cell, j) => {
      if (cell.trim() === '') return;
      const check = checkEmail(cell);
      if (!check.ok) {
        notEmails.push(`row ${row}, ${headers[emailColumns[j]]}: "${cell.slice(0, 60)}"`);
        return;
      }
      hasEmail = true;
      const email = normalizeEmail(cell);
      const rows = rowsByEmail.get(email) ?? [];
      if (!rows.includes(row)) rows.push(row);
      rowsByEmail.set(email, rows);
    });
    if (hasEmail) contacts++;
  });
  const duplicates = [...rowsByEmail]
    .filter(([, rows]) => rows.length > 1)
    .map(([email, rows]) => `${email} (rows ${rows.join(', ')})`);
  return { contacts, duplicates, notEmails };
}

export function setupReport(facts: SetupFacts): string {
  const ok: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const { config } = facts;

  (facts.keySet ? ok : problems).push(
    facts.keySet ? 'Access key: set.' : 'Access key: missing. Run Contact lookup > Set up.',
  );
  (facts.triggerInstalled ? ok : problems).push(
    facts.triggerInstalled
      ? 'Change trigger: installed.'
      : 'Change trigger: not installed, so some edits may show late. Run Contact lookup > Set up.',
  );
  if (facts.webAppUrl) ok.push(`Web app URL: ${facts.webAppUrl}`);
  else
    problems.push(
      'Web app URL: not known yet. Run Contact lookup > Set up and paste it, or make one lookup through SnapEngage.',
    );

  if (config.error || !config.layout) {
    problems.push(`Contacts: ${config.error ?? 'not found'}`);
  } else {
    const { layout } = config;
    const emailHeaders = layout.emailColumns.map((i) => `"${layout.headers[i]}"`).join(', ');
    ok.push(`Contacts tab: "${layout.tab}", email searched in ${emailHeaders}.`);
    const found = contactFindings(facts.emailCells, layout.headers, layout.emailColumns);
    ok.push(`Contacts with an email: ${found.contacts}.`);
    if (found.duplicates.length)
      notes.push(`Emails on more than one row (agents see every row): ${examples(found.duplicates)}.`);
    if (found.notEmails.length)
      problems.push(`Cells in an email column that are not emails: ${examples(found.notEmails)}.`);
    const unseen = layout.headers
      .map((header, index) => ({ header, index }))
      .filter(({ header, index }) => header !== '' && !layout.visibleColumns.includes(index))
      .map(({ header }) => `"${header}"`);
    if (unseen.length) notes.push(`Columns agents never see (hidden, or starting with _): ${unseen.join(', ')}.`);
    if (config.settings.answerTemplate) {
      const unknown = unknownPlaceholders(config.settings.answerTemplate, layout);
      if (unknown.length)
        problems.push(
          `Answer template: no visible column for ${unknown.map((u) => `{{${u}}}`).join(', ')}; it shows as blank.`,
        );
    }
  }
  problems.push(...config.problems);
  notes.push(
    `Lookup log: ${config.settings.lookupLog ? `on, keeping ${config.settings.logRetentionDays} days` : 'off'}.`,
  );
  notes.push(
    `Last lookup: ${facts.lastLookup ? facts.lastLookup.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : 'none in the last 6 hours'}.`,
  );
  notes.push(`Version: ${facts.build}.`);

  const section = (title: string, lines: string[]) =>
    lines.length ? [`${title}:`, ...lines.map((l) => `• ${l}`), ''] : [];
  const verdict =
    problems.length === 0
      ? 'Everything needed for lookups is in place.'
      : `${problems.length} ${problems.length === 1 ? 'thing' : 'things'} to fix.`;
  return [verdict, '', ...section('To fix', problems), ...section('OK', ok), ...section('Good to know', notes)]
    .join('\n')
    .trim();
}
