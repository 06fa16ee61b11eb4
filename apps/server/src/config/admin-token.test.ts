import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readServerConfig } from './server-config.js';
import { adminTokenProblem } from './admin-token.js';

describe('admin token rules', () => {
  it.each([
    ['a repeated letter', 'aaaaaaaaaaaaaaaa', /fewer than 8 different characters/],
    ['a long repeated letter', 'x'.repeat(32), /fewer than 8 different characters/],
    ['a word typed again and again', 'changeme-changeme-changeme', /repeats a shorter piece/],
    ['a sequence', 'abcdefghijklmnopqrstuvwxyz', /sequence/],
    ['a short one', 'Zq8#kL2!', /shorter than 16/],
    ['one with a space', 'correct horse battery staple', /visible ASCII/],
    ['a low-entropy one', `${'a'.repeat(31)}bcdefghiZ`, /too predictable|repeats/],
  ])('refuses %s, saying how to make a good one', (_what, token, problem) => {
    const message = adminTokenProblem(token);
    expect(message).toMatch(problem);
    expect(message).toContain('openssl rand -hex 32');
  });

  it('accepts random tokens as the README suggests, and readable long ones', () => {
    for (let i = 0; i < 50; i++) {
      expect(adminTokenProblem(randomBytes(32).toString('hex'))).toBeNull();
      expect(adminTokenProblem(randomBytes(24).toString('base64url'))).toBeNull();
    }
    expect(adminTokenProblem('a-very-long-admin-token-0123456789')).toBeNull();
  });

  it('refuses a weak token at startup naming the variable', () => {
    expect(() => readServerConfig({ FLOWBRIDGE_ADMIN_TOKEN: 'aaaaaaaaaaaaaaaa' })).toThrow(/FLOWBRIDGE_ADMIN_TOKEN: .*openssl rand -hex 32/);
  });
});
