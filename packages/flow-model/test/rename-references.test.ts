import { describe, expect, it } from 'vitest';
import { indexReferences, planRename, renameConstantInExpression, renameEventTypeLiteral, usagesOf } from '../src/index.js';
import { catalogue, flows, settings } from './workspace-fixture.js';

const nodeConfig = (plan: ReturnType<typeof planRename>, flow: string, node: string) => plan.flows.find((f) => f.name === flow)!.nodes.find((n) => n.id === node)!.config;

describe('planning a rename', () => {
  it('moves every reference to a renamed flow, in flows and settings, and lists each edit', () => {
    const plan = planRename({ kind: 'flow', from: 'CB_Order', to: 'CB_OrderReceived' }, flows, catalogue, settings);
    expect(plan.edits).toEqual([
      expect.objectContaining({ file: 'flows/ASU_Start.json', nodeLabel: 'OrderPlaced → CB_Order', field: 'callbackFlow', before: 'CB_Order', after: 'CB_OrderReceived' }),
    ]);
    expect(nodeConfig(plan, 'ASU_Start', 'b').callbackFlow).toBe('CB_OrderReceived');
    const startup = planRename({ kind: 'flow', from: 'ASU_Start', to: 'ASU_Boot' }, flows, catalogue, settings);
    expect(startup.settings?.afterStartupFlows).toEqual(['ASU_Boot']);
    expect(startup.edits).toEqual([{ file: 'settings.json', field: 'afterStartupFlows[0]', fieldLabel: 'After-startup flows', before: 'ASU_Start', after: 'ASU_Boot' }]);
  });

  it('leaves nothing behind: after the rename the index finds the new name where the old one was', () => {
    for (const [kind, from, to] of [
      ['flow', 'SUB_Size', 'SUB_Sizes'],
      ['constant', 'Shop.Url', 'Shop.BaseUrl'],
      ['constant', 'Shop.ApiKey', 'Shop.Key'],
      ['enumeration', 'shop.Size', 'shop.Sizes'],
      ['eventType', 'OrderPlaced', 'OrderCreated'],
    ] as const) {
      const before = indexReferences({ flows, settings }, catalogue);
      const plan = planRename({ kind, from, to }, flows, catalogue, settings);
      const after = flows.map((f) => plan.flows.find((c) => c.name === f.name) ?? f);
      const index = indexReferences({ flows: after, settings: plan.settings ?? settings }, catalogue);
      expect(usagesOf(index, kind, from), `${kind} ${from}`).toEqual([]);
      expect(usagesOf(index, kind, to).length, `${kind} ${to}`).toBe(usagesOf(before, kind, from).length);
      expect(plan.edits.length).toBeGreaterThan(0);
    }
  });

  it('renames constants in templates, table cells and parameter maps, keeping the quotes used', () => {
    const plan = planRename({ kind: 'constant', from: 'Shop.Url', to: 'Shop.BaseUrl' }, flows, catalogue, settings);
    expect(nodeConfig(plan, 'CB_Order', 'log').message).toBe("Key {{ $constant('Shop.BaseUrl') }}");
    expect((nodeConfig(plan, 'ASU_Start', 's').entries as Array<Record<string, string>>)[0]!.detail).toBe("{'url': $constant('Shop.BaseUrl')}");
    expect(plan.edits.map((e) => e.field)).toEqual(['message', 'entries[0].detail']);
    expect(renameConstantInExpression(`$constant("A.B") & $constant('A.BC') & 'A.B'`, { from: 'A.B', to: 'X.Y' })).toBe(`$constant("X.Y") & $constant('A.BC') & 'A.B'`);
  });

  it('renames enumerations inside nested types and enumeration fields', () => {
    const plan = planRename({ kind: 'enumeration', from: 'shop.Size', to: 'shop.Sizes' }, flows, catalogue, settings);
    const helper = plan.flows.find((f) => f.name === 'SUB_Size')!;
    expect(helper.parameters[0]!.type).toBe('Enum<shop.Sizes>');
    expect(helper.returnType).toBe('List<Enum<shop.Sizes>>');
    expect(nodeConfig(plan, 'ASU_Start', 'd').enumeration).toBe('shop.Sizes');
  });

  it('renames event types only in literal values of event-type fields', () => {
    const plan = planRename({ kind: 'eventType', from: 'OrderPlaced', to: 'OrderCreated' }, flows, catalogue, settings);
    expect(nodeConfig(plan, 'ASU_Start', 'b').eventType).toBe("'OrderCreated'");
    expect(nodeConfig(plan, 'ASU_Start', 's').routes).toBe("['OrderCreated', 'OrderShipped']");
    expect(renameEventTypeLiteral("$x = 'OrderPlaced' ? 'a' : 'b'", { from: 'OrderPlaced', to: 'X' })).toBe("$x = 'OrderPlaced' ? 'a' : 'b'");
    expect(renameEventTypeLiteral("'OrderPlaced'", { from: 'OrderPlaced', to: "it's" })).toBe("'OrderPlaced'");
  });

  it('does not change documents in place and answers no edits for an unused name', () => {
    const snapshot = JSON.stringify(flows);
    const plan = planRename({ kind: 'constant', from: 'Shop.Unused', to: 'Shop.Other' }, flows, catalogue, settings);
    expect(plan).toEqual({ edits: [], flows: [] });
    planRename({ kind: 'flow', from: 'CB_Order', to: 'CB_X' }, flows, catalogue, settings);
    expect(JSON.stringify(flows)).toBe(snapshot);
  });
});
