import { describe, expect, it } from 'vitest';
import { compilePattern, explainMatch } from '../src/index.js';

const event = { source: 'shop', detail: { total: 150.5, items: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 5 }] } };

describe('explainMatch', () => {
  it('says all fields matched when the event matches', () => {
    expect(explainMatch(compilePattern({ source: ['shop'] }), event)).toEqual({ matched: true, reason: 'all fields matched' });
  });

  it('names the field whose value did not match and shows the value', () => {
    const result = explainMatch(compilePattern({ source: ['shop'], detail: { total: [{ numeric: ['>=', 200] }] } }), event);
    expect(result.matched).toBe(false);
    expect(result.decidingField).toBe('detail.total');
    expect(result.reason).toContain('150.5');
  });

  it('says when the field is missing', () => {
    const result = explainMatch(compilePattern({ detail: { refund: ['yes'] } }), event);
    expect(result.decidingField).toBe('detail.refund');
    expect(result.reason).toContain('missing');
  });

  it('explains fields that only match in different array elements', () => {
    const result = explainMatch(compilePattern({ detail: { items: { sku: ['A'], qty: [5] } } }), event);
    expect(result.matched).toBe(false);
    expect(result.reason).toContain('same array element');
  });

  it('picks the closest $or combination', () => {
    const result = explainMatch(
      compilePattern({ $or: [{ source: ['x'], detail: { total: [1] } }, { source: ['shop'], detail: { total: [2] } }] }),
      event,
    );
    expect(result.decidingField).toBe('detail.total');
    expect(result.reason).toContain('$or');
  });
});
