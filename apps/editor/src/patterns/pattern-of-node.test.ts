import { describe, expect, it } from 'vitest';
import { literalStringList, patternOfNode, ROUTE_EVENTS_KIND } from './pattern-of-node';
import { patternVerdict } from './pattern-verdict';

const node = (config: Record<string, unknown>) => ({ kind: ROUTE_EVENTS_KIND, config });

describe('patternOfNode', () => {
  it('builds the rule pattern from literal lists, as the connector does', () => {
    expect(patternOfNode(node({ eventTypes: `['OrderPlaced', "OrderShipped"]`, sources: "['shop']" }))).toEqual({
      ok: true,
      pattern: { 'detail-type': ['OrderPlaced', 'OrderShipped'], source: ['shop'] },
    });
  });

  it('leaves out source when no sources are given', () => {
    expect(patternOfNode(node({ eventTypes: "['A']", sources: '' }))).toEqual({ ok: true, pattern: { 'detail-type': ['A'] } });
  });

  it('says which fields are computed when they are not literal lists', () => {
    const p = patternOfNode(node({ eventTypes: '$Types', sources: "['shop'] ~> $append('x')" }));
    expect(p).toMatchObject({ ok: false, computed: ['Event types', 'Sources'] });
    expect(p.ok ? '' : p.message).toContain('computed when the flow runs');
  });

  it('reads escaped quotes inside literals', () => {
    expect(literalStringList(`['it\\'s']`)).toEqual(["it's"]);
    expect(literalStringList(`[]`)).toEqual([]);
    expect(literalStringList(`'A'`)).toBeUndefined();
  });
});

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

  it('reports an invalid pattern with EventBridge\'s message instead of throwing', () => {
    expect(patternVerdict('{"detail-type": "OrderPlaced"}', '{}')).toMatchObject({ kind: 'invalid-pattern', message: expect.stringContaining('Event pattern is not valid') });
  });

  it('reports an event that is not JSON', () => {
    expect(patternVerdict(pattern, '{nope')).toMatchObject({ kind: 'invalid-event' });
  });
});
