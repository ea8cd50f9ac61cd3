/**
 * The text an agent reads in SnapEngage's contact tab.
 */
import { ChatHistory } from './chats';
import { Layout } from './layout';
import { AGENT } from './messages';
import { Settings } from './settings';
import { capLength, normalizeName, sanitizeText } from './text';

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

function cellText(value: string | undefined): string {
  return sanitizeText(value ?? '').trim();
}

function defaultLines(cells: string[], layout: Layout): string[] {
  const lines: string[] = [];
  for (const index of layout.visibleColumns) {
    const value = cellText(cells[index]);
    // A multi-line cell stays readable under its header: continuation lines are indented.
    if (value !== '') lines.push(`${layout.headers[index]}: ${value.replace(/\n/g, '\n  ')}`);
  }
  return lines;
}

function fillTemplate(template: string, values: (name: string) => string | undefined): string {
  return template.replace(PLACEHOLDER, (_, name: string) => values(normalizeName(name)) ?? '');
}

/** Template placeholders for a returning visitor's past chats (blank when there are none). */
function historyValues(history: ChatHistory | undefined): Record<string, string> {
  return {
    'chat history': history ? historyLine(history) : '',
    'chat count': history ? String(history.count) : '',
    'last chat date': history?.lastDate ?? '',
    'last chat agent': history?.lastAgent ?? '',
    'last chat description': history?.lastDescription ?? '',
  };
}

const HISTORY_PLACEHOLDERS = Object.keys(historyValues(undefined));
/** How much of the last chat's description the history line shows. */
const DESCRIPTION_SHOWN = 120;

function historyLine(history: ChatHistory): string {
  const description = capLength(cellText(history.lastDescription).replace(/\s+/g, ' '), DESCRIPTION_SHOWN, '…');
  return AGENT.history(history.count, cellText(history.lastDate), cellText(history.lastAgent), description);
}

function usesHistory(template: string): boolean {
  let uses = false;
  fillTemplate(template, (name) => void (uses ||= HISTORY_PLACEHOLDERS.includes(name)));
  return uses;
}

function templateText(cells: string[], layout: Layout, template: string, email: string, history?: ChatHistory): string {
  const byName = new Map<string, string>(Object.entries(historyValues(history)));
  byName.set('email', email);
  // Columns first: a column headed "Email" wins over the email looked up.
  for (const index of [...layout.visibleColumns].reverse())
    byName.set(normalizeName(layout.headers[index]), cellText(cells[index]));
  return fillTemplate(template, (name) => byName.get(name));
}

/** Unknown template placeholders, for Check setup. */
export function unknownPlaceholders(template: string, layout: Layout): string[] {
  const known = new Set([
    ...layout.visibleColumns.map((i) => normalizeName(layout.headers[i])),
    'email',
    ...HISTORY_PLACEHOLDERS,
  ]);
  const unknown: string[] = [];
  fillTemplate(template, (name) => {
    if (!known.has(name) && !unknown.includes(name)) unknown.push(name);
    return '';
  });
  return unknown;
}

function lastLine(text: string, line: string): string {
  return text === '' ? line : `${text}\n${line}`;
}

/**
 * Renders every matching row (display values, full width, sheet order); those beyond the Max
 * matches setting are only counted. A returning visitor's past chats end the answer.
 */
export function renderMatches(
  rows: string[][],
  layout: Layout,
  settings: Settings,
  email: string,
  history?: ChatHistory,
): string {
  const total = rows.length;
  const shown = rows.slice(0, settings.maxMatches);
  const blocks = shown.map((cells, i) => {
    const body = settings.answerTemplate
      ? templateText(cells, layout, settings.answerTemplate, email, history)
      : defaultLines(cells, layout).join('\n');
    return total > 1 ? `${AGENT.matchHeading(i + 1, total)}\n${body}` : body;
  });
  const hiddenCount = total - shown.length;
  if (hiddenCount > 0) blocks.push(AGENT.moreMatches(hiddenCount));
  const text = blocks.join('\n\n');
  // The history line goes last, unless the template places the history itself.
  const placed = !history || (settings.answerTemplate !== '' && usesHistory(settings.answerTemplate));
  return finishAnswer(placed ? text : lastLine(text, historyLine(history)), settings.maxAnswerLength);
}

/** The No match text, then the history line of a visitor who has chatted before. */
export function renderNoMatch(settings: Settings, email: string, history?: ChatHistory): string {
  const text = fillTemplate(settings.noMatchText, (name) => (name === 'email' ? email : ''));
  return finishAnswer(history ? lastLine(text, historyLine(history)) : text, settings.maxAnswerLength);
}

/** Every answer goes out through here: inert text within the length cap. */
export function finishAnswer(text: string, maxLength: number): string {
  return capLength(sanitizeText(text), maxLength, AGENT.shortened);
}

/** What an answer leaves out, for Test a lookup: column headers with a value, and matches not shown. */
export interface LeftOut {
  hiddenColumns: string[];
  underscoreColumns: string[];
  matchesNotShown: number;
  maxMatches: number;
}

export function leftOut(rows: string[][], layout: Layout, settings: Settings): LeftOut {
  const shown = rows.slice(0, settings.maxMatches);
  const unseen = layout.headers
    .map((header, index) => ({ header, index }))
    .filter(({ header, index }) => header !== '' && !layout.visibleColumns.includes(index))
    .filter(({ index }) => shown.some((cells) => cellText(cells[index]) !== ''))
    .map(({ header }) => header);
  return {
    hiddenColumns: unseen.filter((header) => !header.startsWith('_')),
    underscoreColumns: unseen.filter((header) => header.startsWith('_')),
    matchesNotShown: rows.length - shown.length,
    maxMatches: settings.maxMatches,
  };
}
