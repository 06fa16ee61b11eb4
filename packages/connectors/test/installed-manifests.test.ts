import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { installedManifests } from '../src/index.js';

describe('the installed connectors', () => {
  it('lists each connector once, core first', () => {
    const ids = installedManifests.map((m) => m.id);
    expect(ids[0]).toBe('core');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('imports only browser-safe manifests, so the editor bundle never pulls in an implementation or the AWS SDK', () => {
    const source = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]!);
    expect(specifiers.length).toBeGreaterThan(0);
    for (const specifier of specifiers) expect(specifier === '@flowbridge/flow-model' || specifier.endsWith('/definitions'), specifier).toBe(true);
  });
});
