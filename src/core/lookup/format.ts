/**
 * The text an agent reads in SnapEngage's contact tab.
 */
import { ChatHistory } from '../chats/history';
import { cleanLine } from '../request/cleaning';
import { Layout } from '../state/layout';
import { AGENT, MENU } from '../messages';
import { Settings } from '../state/settings';
import { capLength, normalizeName, sanitizeText } from '../text';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function cellText(value: string | undefined): string {
  return sanitizeText(value ?? '').trim();
}

function defaultLines(cells: string[], layout: Layout): string {
  return layout.visibleColumns
    .flatMap((index) => {
      const value = cellText(cells[index]);
      // A multi-line cell stays readable under its header: continuation lines are indented.
      return value ? [`${layout.headers[index]}: ${value.replace(/\n/g, '\n  ')}`] : [];
    })
    .join('\n');
}

/** The placeholders a template names, normalised, in order. */
const placeholders = (template: string) => [...template.matchAll(PLACEHOLDER)].map((match) => normalizeName(match[1]));

function fillTemplate(template: string, values: Map<string, string>): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values.get(normalizeName(name)) ?? '');
}

/**
 * Template placeholders for a returning visitor's past chats (blank when there are none). Each is
 * one line whatever the Chats tab holds, so no chat can add lines that look like contact fields.
 */
function historyValues(history: ChatHistory | undefined): [string, string][] {
  return [
    ['chat history', history ? historyLine(history) : ''],
    ['chat count', history ? String(history.count) : ''],
    ['last chat date', cleanLine(history?.lastDate ?? '')],
    ['last chat agent', cleanLine(history?.lastAgent ?? '')],
    ['last chat description', cleanLine(history?.lastDescription ?? '')],
  ];
}

const HISTORY_PLACEHOLDERS = historyValues(undefined).map(([name]) => name);
/** How much of the last chat's description the history line shows. */
const DESCRIPTION_SHOWN = 120;

/** Always exactly one line. */
function historyLine(history: ChatHistory): string {
  const description = capLength(cleanLine(history.lastDescription), DESCRIPTION_SHOWN, '…');
  return AGENT.history(history.count, cleanLine(history.lastDate), cleanLine(history.lastAgent), description);
}

function templateText(cells: string[], layout: Layout, template: string, email: string, history?: ChatHistory): string {
  const byName = new Map([...historyValues(history), ['email', email]]);
  // Columns last, in reverse: a column headed "Email" wins over the email looked up, the first of two same headers wins.
  for (const index of [...layout.visibleColumns].reverse())
    byName.set(normalizeName(layout.headers[index]), cellText(cells[index]));
  return fillTemplate(template, byName);
}

/** Unknown template placeholders, for Check setup. */
export function unknownPlaceholders(template: string, layout: Layout): string[] {
  const known = [
    ...layout.visibleColumns.map((i) => normalizeName(layout.headers[i])),
    'email',
    ...HISTORY_PLACEHOLDERS,
  ];
  return [...new Set(placeholders(template))].filter((name) => !known.includes(name));
}

const lastLine = (text: string, line: string) => (text === '' ? line : `${text}\n${line}`);

/**
 * Renders the matching rows read (display values, full width, sheet order), at most Max matches of
 * them; `total` counts every matching row, and those beyond are only counted. A returning
 * visitor's past chats end the answer.
 */
export function renderMatches(
  rows: string[][],
  layout: Layout,
  settings: Settings,
  email: string,
  history?: ChatHistory,
  total = rows.length,
): string {
  const shown = rows.slice(0, settings.maxMatches);
  const blocks = shown.map((cells, i) => {
    const body = settings.answerTemplate
      ? templateText(cells, layout, settings.answerTemplate, email, history)
      : defaultLines(cells, layout);
    return total > 1 ? `${AGENT.matchHeading(i + 1, total)}\n${body}` : body;
  });
  const hiddenCount = total - shown.length;
  if (hiddenCount > 0) blocks.push(AGENT.moreMatches(hiddenCount));
  const text = blocks.join('\n\n');
  // The history line goes last, unless the template places the history itself.
  const placed = !history || placeholders(settings.answerTemplate).some((name) => HISTORY_PLACEHOLDERS.includes(name));
  return finishAnswer(placed ? text : lastLine(text, historyLine(history)), settings.maxAnswerLength);
}

/** The No match text, then the history line of a visitor who has chatted before. */
export function renderNoMatch(settings: Settings, email: string, history?: ChatHistory): string {
  const text = fillTemplate(settings.noMatchText, new Map([['email', email]]));
  return finishAnswer(history ? lastLine(text, historyLine(history)) : text, settings.maxAnswerLength);
}

/** Every answer goes out through here: inert text within the length cap. */
export function finishAnswer(text: string, maxLength: number): string {
  return capLength(sanitizeText(text), maxLength, AGENT.shortened);
}

/** What an answer leaves out, for Test a lookup, one line each: columns with a value agents do not see, and matches not shown. */
export function leftOut(rows: string[][], layout: Layout, settings: Settings, total = rows.length): string[] {
  const shown = rows.slice(0, settings.maxMatches);
  const unseen = layout.headers.filter(
    (header, index) =>
      header !== '' && !layout.visibleColumns.includes(index) && shown.some((cells) => cellText(cells[index]) !== ''),
  );
  const hidden = unseen.filter((header) => !header.startsWith('_'));
  const underscore = unseen.filter((header) => header.startsWith('_'));
  const notShown = total - shown.length;
  return [
    ...(hidden.length ? [MENU.leftOutHidden(hidden)] : []),
    ...(underscore.length ? [MENU.leftOutUnderscore(underscore)] : []),
    ...(notShown > 0 ? [MENU.leftOutMatches(notShown, settings.maxMatches)] : []),
  ];
}
