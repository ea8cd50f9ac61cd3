/**
 * What a staff edit can have changed, from the range the onEdit trigger reports and the
 * configuration kept in Script Properties: row 1 and the Settings tab are the structure; a cell in an
 * email column of the contacts tab changes which rows hold which email (the email index); any other
 * cell only the answers. Without a kept configuration of the current structure, an edit counts as
 * touching the emails, so the email index is never trusted past an edit it cannot place.
 */
import { keptConfig } from './config';
import { Change } from './freshness';
import { PROPERTY } from './store-keys';
import { SETTINGS_TAB } from '../tabs/tabs';

/** The edited cells: a tab, and 1-based first and last rows and columns. */
export interface EditedRange {
  tab: string;
  row: number;
  column: number;
  lastColumn: number;
}

export function changeOfEdit(edit: EditedRange | undefined, properties: Record<string, string>): Change {
  if (!edit || edit.row === 1 || edit.tab === SETTINGS_TAB) return 'structure';
  const structure = properties[PROPERTY.structureGeneration];
  const config = structure ? keptConfig(properties[PROPERTY.config], structure) : undefined;
  if (!config) return 'emails';
  if (!('layout' in config.contacts)) return 'content';
  const { tab, emailColumns } = config.contacts.layout;
  const touched = emailColumns.some((index) => index + 1 >= edit.column && index + 1 <= edit.lastColumn);
  return edit.tab === tab && touched ? 'emails' : 'content';
}
