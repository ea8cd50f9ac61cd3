/**
 * The text an agent reads in SnapEngage's contact tab.
 */
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

function templateText(cells: string[], layout: Layout, template: string, email: string): string {
  const byName = new Map<string, string>();
  for (const index of layout.visibleColumns) {
    const name = normalizeName(layout.headers[index]);
    if (!byName.has(name)) byName.set(name, cellText(cells[index]));
  }
  return fillTemplate(template, (name) => byName.get(name) ?? (name === 'email' ? email : undefined));
}

/** Unknown template placeholders, for Check setup. */
export function unknownPlaceholders(template: string, layout: Layout): string[] {
  const known = new Set(layout.visibleColumns.map((i) => normalizeName(layout.headers[i])));
  known.add('email');
  const unknown: string[] = [];
  fillTemplate(template, (name) => {
    if (!known.has(name) && !unknown.includes(name)) unknown.push(name);
    return '';
  });
  return unknown;
}

/**
 * Renders every matching row (display values, full width, sheet order); those beyond the Max
 * matches setting are only counted.
 */
export function renderMatches(rows: string[][], layout: Layout, settings: Settings, email: string): string {
  const total = rows.length;
  const shown = rows.slice(0, settings.maxMatches);
  const blocks = shown.map((cells, i) => {
    const body = settings.answerTemplate
      ? templateText(cells, layout, settings.answerTemplate, email)
      : defaultLines(cells, layout).join('\n');
    return total > 1 ? `${AGENT.matchHeading(i + 1, total)}\n${body}` : body;
  });
  const hiddenCount = total - shown.length;
  if (hiddenCount > 0) {
    blocks.push(AGENT.moreMatches(hiddenCount));
  }
  return finishAnswer(blocks.join('\n\n'), settings.maxAnswerLength);
}

export function renderNoMatch(settings: Settings, email: string): string {
  return finishAnswer(
    fillTemplate(settings.noMatchText, (name) => (name === 'email' ? email : '')),
    settings.maxAnswerLength,
  );
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
