import { isExecUrl, snapEngageUrl } from '../../../src/core/admin/web-app-url';

test('only an Apps Script /exec URL is one SnapEngage can call', () => {
  expect(isExecUrl('https://script.google.com/macros/s/AKfycbx-1_a/exec')).toBe(true);
  expect(isExecUrl('https://script.google.com/a/macros/example.com/s/AKfy/exec')).toBe(true);
  for (const url of [
    'https://script.google.com/macros/s/X/dev',
    'http://script.google.com/macros/s/X/exec',
    'https://evil.com/macros/s/X/exec',
    'https://script.google.com/macros/s/X/exec?key=1',
  ]) {
    expect(isExecUrl(url)).toBe(false);
  }
  expect(snapEngageUrl('https://script.google.com/macros/s/X/exec', 'k')).toBe(
    'https://script.google.com/macros/s/X/exec?key=k',
  );
});
