/**
 * The Check setup report: everything an admin needs to know in one plain-language text.
 */
import { TriggerState } from './change-trigger';
import { Config } from './config';
import { checkEmail, normalizeEmail } from './email';
import { unknownPlaceholders } from './format';
import { REPORT } from './messages';
import { utcMinute } from './text';

export interface SetupFacts {
  build: string;
  keySet: boolean;
  trigger: TriggerState;
  webAppUrl: string | undefined;
  /** Milliseconds, from the cache (6 hours at most). */
  lastLookup: number | undefined;
  /** Built fresh from the spreadsheet for this report. */
  config: Config;
  /** Display values of the email columns (in the layout's emailColumns order) for rows 2 and down. */
  emailCells: string[][];
  /** Rows in the Chats tab, when there is one. */
  chats: number | undefined;
}

/** How many examples a finding lists before it only counts. */
const EXAMPLES = 5;

function examples(items: string[]): string {
  const shown = items.slice(0, EXAMPLES).join('; ');
  return items.length > EXAMPLES ? REPORT.moreExamples(shown, items.length - EXAMPLES) : shown;
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
        notEmails.push(REPORT.notEmailCell(row, headers[emailColumns[j]], cell.slice(0, 60)));
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
    .map(([email, rows]) => REPORT.duplicateRows(email, rows));
  return { contacts, duplicates, notEmails };
}

function triggerFinding(state: TriggerState): { problem?: string; ok?: string; note?: string } {
  const at = (ms: number | undefined) => (ms === undefined ? undefined : utcMinute(ms));
  switch (state.kind) {
    case 'none':
      return { problem: REPORT.triggerMissing };
    case 'mine':
      return state.recorded ? { ok: REPORT.triggerMine(at(state.installedAt)) } : { note: REPORT.triggerUnrecorded };
    case 'another-account':
      if (state.seemsGone && state.editedAt !== undefined) {
        return { problem: REPORT.triggerGone(at(state.ranAt), utcMinute(state.editedAt)) };
      }
      return { ok: REPORT.triggerOfAnotherAccount(at(state.installedAt), at(state.ranAt)) };
  }
}

export function setupReport(facts: SetupFacts): string {
  const ok: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const { config } = facts;

  if (facts.keySet) ok.push(REPORT.keySet);
  else problems.push(REPORT.keyMissing);
  const trigger = triggerFinding(facts.trigger);
  if (trigger.problem) problems.push(trigger.problem);
  if (trigger.ok) ok.push(trigger.ok);
  if (trigger.note) notes.push(trigger.note);
  if (facts.webAppUrl) ok.push(REPORT.webAppUrl(facts.webAppUrl));
  else problems.push(REPORT.webAppUrlUnknown);

  if ('error' in config.contacts) {
    problems.push(REPORT.contactsProblem(config.contacts.error));
  } else {
    const { layout } = config.contacts;
    ok.push(
      REPORT.contactsTab(
        layout.tab,
        layout.emailColumns.map((i) => layout.headers[i]),
      ),
    );
    const found = contactFindings(facts.emailCells, layout.headers, layout.emailColumns);
    ok.push(REPORT.contactCount(found.contacts));
    if (found.duplicates.length) notes.push(REPORT.duplicates(examples(found.duplicates)));
    if (found.notEmails.length) problems.push(REPORT.notEmails(examples(found.notEmails)));
    const unseen = layout.headers.filter((header, index) => header !== '' && !layout.visibleColumns.includes(index));
    if (unseen.length) notes.push(REPORT.unseenColumns(unseen));
    if (config.settings.answerTemplate) {
      const unknown = unknownPlaceholders(config.settings.answerTemplate, layout);
      if (unknown.length) problems.push(REPORT.unknownPlaceholders(unknown));
    }
  }
  problems.push(...config.problems);
  const { settings } = config;
  notes.push(REPORT.lookupLog(settings.lookupLog, settings.logRetentionDays));
  notes.push(
    REPORT.chatHistory(settings.chatHistory, settings.chatTranscripts, settings.chatRetentionDays, facts.chats),
  );
  notes.push(REPORT.lastLookup(facts.lastLookup === undefined ? undefined : utcMinute(facts.lastLookup)));
  notes.push(REPORT.version(facts.build));

  const section = (title: string, lines: string[]) =>
    lines.length ? [`${title}:`, ...lines.map((l) => `• ${l}`), ''] : [];
  const verdict = problems.length === 0 ? REPORT.allGood : REPORT.toFixCount(problems.length);
  const sections = [
    ...section(REPORT.toFix, problems),
    ...section(REPORT.ok, ok),
    ...section(REPORT.goodToKnow, notes),
  ];
  return [verdict, '', ...sections].join('\n').trim();
}
