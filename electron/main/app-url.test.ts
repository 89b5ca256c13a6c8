import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-url';

describe('isAppUrl', () => {
  it.each([APP_ENTRY_URL, 'app://harness/', 'app://harness/assets/index.js?x=1#y'])(
    'accepts our own page %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    'https://example.com/',
    'app://other/index.html',
    'app://harness.evil/index.html',
    'file:///work/main/out/renderer/index.html',
    'http://127.0.0.1:5318/',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));
});
