/**
 * The Check setup report: everything an admin needs to know in one plain-language text.
 */
import { CapacityFacts, capacityLines } from './capacity';
import { TriggerState } from './change-trigger';
import { Config } from '../state/config';
import { cleanEmail } from '../request/cleaning';
import { checkEmail } from '../request/email';
import { unknownPlaceholders } from '../lookup/format';
import { REPORT } from '../messages';
import { utcMinute } from '../text';

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
  /** Room in the spreadsheet, chats waiting and today's chats; absent when not measured. */
  capacity?: CapacityFacts;
}

/** A finding's examples: five at most, then a count. */
function examples(items: string[]): string {
  const shown = items.slice(0, 5).join('; ');
  return items.length > 5 ? REPORT.moreExamples(shown, items.length - 5) : shown;
}

export function contactFindings(emailCells: string[][], headers: string[], emailColumns: number[]) {
  let contacts = 0;
  const rowsByEmail = new Map<string, Set<number>>();
  const notEmails: string[] = [];
  emailCells.forEach((cells, i) => {
    let found = false;
    cells.forEach((cell, j) => {
      const email = cleanEmail(cell);
      if (checkEmail(email).ok) {
        found = true;
        rowsByEmail.set(email, (rowsByEmail.get(email) ?? new Set()).add(i + 2));
      } else if (cell.trim()) notEmails.push(REPORT.notEmailCell(i + 2, headers[emailColumns[j]], cell.slice(0, 60)));
    });
    if (found) contacts++;
  });
  const duplicates = [...rowsByEmail].flatMap(([email, rows]) =>
    rows.size > 1 ? [REPORT.duplicateRows(email, [...rows])] : [],
  );
  return { contacts, duplicates, notEmails };
}

/** The change trigger's line, and where it goes: [0] to fix, [1] OK, [2] good to know. */
function triggerFinding(state: TriggerState): [number, string] {
  if (state.kind === 'none') return [0, REPORT.triggerMissing];
  if (state.kind === 'mine')
    return state.recorded ? [1, REPORT.triggerMine(utcMinute(state.installedAt))] : [2, REPORT.triggerUnrecorded];
  if (state.seemsGone && state.editedAt !== undefined)
    return [0, REPORT.triggerGone(utcMinute(state.ranAt), utcMinute(state.editedAt))];
  return [1, REPORT.triggerOfAnotherAccount(utcMinute(state.installedAt), utcMinute(state.ranAt))];
}

export function setupReport(facts: SetupFacts): string {
  const sections: string[][] = [[], [], []];
  const [problems, ok, notes] = sections;
  const { config } = facts;
  const { settings, contacts } = config;
  if (facts.keySet) ok.push(REPORT.keySet);
  else problems.push(REPORT.keyMissing);
  const [section, line] = triggerFinding(facts.trigger);
  sections[section].push(line);
  if (facts.webAppUrl) ok.push(REPORT.webAppUrl(facts.webAppUrl));
  else problems.push(REPORT.webAppUrlUnknown);

  if ('error' in contacts) problems.push(REPORT.contactsProblem(contacts.error));
  else {
    const { tab, headers, emailColumns, visibleColumns } = contacts.layout;
    const found = contactFindings(facts.emailCells, headers, emailColumns);
    const emailHeaders = emailColumns.map((i) => headers[i]);
    ok.push(REPORT.contactsTab(tab, emailHeaders), REPORT.contactCount(found.contacts));
    if (found.duplicates.length) notes.push(REPORT.duplicates(examples(found.duplicates)));
    if (found.notEmails.length) problems.push(REPORT.notEmails(examples(found.notEmails)));
    const unseen = headers.filter((header, index) => header !== '' && !visibleColumns.includes(index));
    if (unseen.length) notes.push(REPORT.unseenColumns(unseen));
    const unknown = unknownPlaceholders(settings.answerTemplate, contacts.layout);
    if (unknown.length) problems.push(REPORT.unknownPlaceholders(unknown));
  }
  problems.push(...config.problems);
  const [capacityProblems, capacityNotes] = facts.capacity ? capacityLines(facts.capacity) : [[], []];
  problems.push(...capacityProblems);
  notes.push(
    REPORT.lookupLog(settings.lookupLog, settings.logRetentionDays),
    REPORT.chatHistory(settings.chatHistory, settings.chatTranscripts, settings.chatRetentionDays, facts.chats),
    ...capacityNotes,
    REPORT.lastLookup(utcMinute(facts.lastLookup)),
    REPORT.version(facts.build),
  );
  const verdict = problems.length === 0 ? REPORT.allGood : REPORT.toFixCount(problems.length);
  const body = sections.flatMap((lines, i) =>
    lines.length ? ['', `${REPORT.sections[i]}:`, ...lines.map((l) => `• ${l}`)] : [],
  );
  return [verdict, ...body].join('\n');
}
