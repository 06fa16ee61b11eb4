import { describe, expect, it } from 'vitest';
import { patternVerdict } from './pattern-verdict';

describe('patternVerdict', () => {
  const pattern = JSON.stringify({ 'detail-type': ['OrderPlaced'], source: ['shop'] });

  it('matches an event of a routed type and source', () => {
    expect(patternVerdict(pattern, JSON.stringify({ 'detail-type': 'OrderPlaced', source: 'shop', detail: {} })).kind).toBe('match');
  });

  it('names the deciding field of a non-matching event', () => {
    const v = patternVerdict(pattern, JSON.stringify({ 'detail-type': 'OrderPlaced', source: 'warehouse' }));
    expect(v).toMatchObject({ kind: 'no-match', decidingField: 'source' });
    expect(v.kind === 'no-match' ? v.reason : '').toContain('"warehouse"');
  });

  it('reports an invalid pattern with the matcher\'s message instead of throwing', () => {
    expect(patternVerdict('{"detail-type": "OrderPlaced"}', '{}')).toMatchObject({ kind: 'invalid-pattern', message: expect.stringContaining('Event pattern is not valid') });
  });

  it('reports an event that is not JSON', () => {
    expect(patternVerdict(pattern, '{nope')).toMatchObject({ kind: 'invalid-event' });
  });
});
