/**
 * The web app's address as SnapEngage needs it.
 */

/** Only an Apps Script /exec URL (consumer or Workspace) is one SnapEngage can call. */
const EXEC_URL = /^https:\/\/script\.google\.com\/(?:a\/macros\/[^/\s]+|macros)\/s\/[\w-]+\/exec$/;

export function isExecUrl(url: string): boolean {
  return EXEC_URL.test(url);
}

/** The URL to paste into SnapEngage: the /exec URL with the access key. */
export function snapEngageUrl(execUrl: string, key: string): string {
  return `${execUrl}?key=${key}`;
}
