import { describe, expect, it } from 'vitest';
import { eventBridgeDefinitions, literalStringList, routeEventsPatternOf, routeEventsToApp } from '../src/definitions/index.js';

describe('routeEventsPatternOf', () => {
  it('builds the rule pattern from literal lists, as the activity does', () => {
    expect(routeEventsPatternOf({ eventTypes: `['OrderPlaced', "OrderShipped"]`, sources: "['shop']" })).toEqual({
      ok: true,
      pattern: { 'detail-type': ['OrderPlaced', 'OrderShipped'], source: ['shop'] },
    });
  });

  it('leaves out source when no sources are given', () => {
    expect(routeEventsPatternOf({ eventTypes: "['A']", sources: '' })).toEqual({ ok: true, pattern: { 'detail-type': ['A'] } });
  });

  it('says which fields are computed when they are not literal lists', () => {
    const p = routeEventsPatternOf({ eventTypes: '$Types', sources: "['shop'] ~> $append('x')" });
    expect(p).toMatchObject({ ok: false, computed: ['Event types', 'Sources'] });
    expect(p.ok ? '' : p.message).toContain('computed when the flow runs');
  });

  it('reads escaped quotes inside literals', () => {
    expect(literalStringList(`['it\\'s']`)).toEqual(["it's"]);
    expect(literalStringList(`[]`)).toEqual([]);
    expect(literalStringList(`'A'`)).toBeUndefined();
  });
});

describe('the EventBridge manifest', () => {
  it('declares the event pattern tester for Route Events To App, computing the pattern itself', () => {
    const panels = eventBridgeDefinitions.editor.activityPanels;
    expect(panels).toEqual([expect.objectContaining({ kind: routeEventsToApp.kind, panel: 'event-pattern-tester' })]);
    expect(panels[0].pattern?.({ eventTypes: "['A']" })).toEqual({ ok: true, pattern: { 'detail-type': ['A'] } });
  });
});
