import { describe, expect, it } from 'vitest';
import { SecretMatcher } from '../src/secret-matcher.js';

const SECRET = 'sk-live-4f9c2e7d1b8a6035Xy';
const matcher = new SecretMatcher();
matcher.add(SECRET);
const mask = (text: string) => matcher.mask(text, '***');

describe('SecretMatcher', () => {
  it.each([
    ['exact', SECRET],
    ['upper case', SECRET.toUpperCase()],
    ['mixed case', SECRET.replace(/[a-f]/g, (c) => c.toUpperCase())],
    ['base64', Buffer.from(SECRET).toString('base64')],
    ['base64url', Buffer.from(`??${SECRET}`).toString('base64url')],
    ['base64 after a 1-byte prefix', Buffer.from(`x${SECRET}`).toString('base64')],
    ['base64 after a 2-byte prefix', Buffer.from(`xy${SECRET}`).toString('base64')],
    ['hex', Buffer.from(SECRET).toString('hex')],
    ['upper-case hex', Buffer.from(SECRET).toString('hex').toUpperCase()],
    ['URL encoding', encodeURIComponent(`a b/${SECRET}`)],
    ['reversal', [...SECRET].reverse().join('')],
    ['a substring of half its length', SECRET.slice(7, 20)],
  ])('masks the %s form', (_name, form) => {
    const masked = mask(`before ${form} after`);
    expect(masked).toContain('***');
    expect(masked.startsWith('before ')).toBe(true);
    expect(masked).not.toContain(SECRET.slice(8, 16));
  });

  it('masks a secret inside a concatenation and keeps the text around it', () => {
    expect(mask(`Authorization: Bearer ${SECRET}; next`)).toBe('Authorization: Bearer ***; next');
  });

  it('does not mask short overlaps or unrelated text', () => {
    expect(mask('sk-live is the prefix; 4f9c2e7 is seven')).toBe('sk-live is the prefix; 4f9c2e7 is seven');
    const readable = new SecretMatcher();
    readable.add('local-only-flowbridge-api-key-change-me');
    expect(readable.mask('rule/flowbridge-app-events', '***')).toBe('rule/flowbridge-app-events');
    expect(readable.mask('key=LOCAL-ONLY-FLOWBRIDGE-API-KEY-CHANGE-ME', '***')).toBe('key=***');
    expect(mask('nothing to see here')).toBe('nothing to see here');
  });

  it('matches a short secret only whole', () => {
    const short = new SecretMatcher();
    short.add('pa55');
    expect(short.mask('my pa55 and PA55', '***')).toBe('my *** and ***');
    expect(short.mask('pa5', '***')).toBe('pa5');
  });

  it('keeps positions right around non-ASCII text', () => {
    expect(mask(`İİ ${SECRET} ß`)).toBe('İİ *** ß');
  });
});
