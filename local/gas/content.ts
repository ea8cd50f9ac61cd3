/** ContentService (https://developers.google.com/apps-script/reference/content/content-service). */

export const MimeType = {
  ATOM: 'application/atom+xml',
  CSV: 'text/csv',
  ICAL: 'text/calendar',
  JAVASCRIPT: 'application/javascript',
  JSON: 'application/json',
  RSS: 'application/rss+xml',
  TEXT: 'text/plain',
  VCARD: 'text/vcard',
  XML: 'text/xml',
} as const;

export class FakeTextOutput {
  private mimeType: string = MimeType.TEXT;

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }
  setContent(content: string): FakeTextOutput {
    this.content = String(content);
    return this;
  }
  append(addedContent: string): FakeTextOutput {
    this.content += String(addedContent);
    return this;
  }
  clear(): FakeTextOutput {
    this.content = '';
    return this;
  }
  getMimeType(): string {
    return this.mimeType;
  }
  setMimeType(mimeType: string): FakeTextOutput {
    if (!Object.values(MimeType).includes(mimeType as never)) throw new Error(`Invalid argument: mimeType`);
    this.mimeType = mimeType;
    return this;
  }
}

export const fakeContentService = {
  MimeType,
  createTextOutput: (content = '') => new FakeTextOutput(String(content)),
};
