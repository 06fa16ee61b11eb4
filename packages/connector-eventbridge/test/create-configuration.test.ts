import { createAwsAuthModule } from '@flowbridge/connector-aws-auth';
import { describe, expect, it } from 'vitest';
import { createEventBridgeModule, MemoryEventRoutingStore } from '../src/index.js';
import { runActivity } from '@flowbridge/runtime/testing';

const modules = [createAwsAuthModule(), createEventBridgeModule()];
const configure = (routing: unknown, eventType: string, flow: string) =>
  runActivity(modules, 'eventbridge.CreateConfiguration', { eventType, callbackFlow: flow }, { output: false, services: { 'eventbridge.routing': routing } });

describe('Create Configuration', () => {
  it('binds an event type to a callback flow in the host routing store', async () => {
    const routing = new MemoryEventRoutingStore();
    const out = await configure(routing, "'OrderPlaced'", 'CB_OrderPlaced');
    expect(out.path).toBe('out');
    expect(await routing.get('OrderPlaced')).toBe('CB_OrderPlaced');
  });

  it('replaces the binding when run again, never duplicating it', async () => {
    const routing = new MemoryEventRoutingStore();
    await configure(routing, "'OrderPlaced'", 'CB_Old');
    await configure(routing, "'OrderPlaced'", 'CB_New');
    await configure(routing, "'OrderPlaced'", 'CB_New');
    expect(await routing.list()).toEqual([{ eventType: 'OrderPlaced', flow: 'CB_New' }]);
  });

  it('evaluates the event type as an expression', async () => {
    const routing = new MemoryEventRoutingStore();
    await configure(routing, "'Order' & 'Shipped'", 'CB_Shipped');
    expect(await routing.get('OrderShipped')).toBe('CB_Shipped');
  });

  it('fails clearly when the host provides no routing store', async () => {
    const out = await runActivity(modules, 'eventbridge.CreateConfiguration', { eventType: "'X'", callbackFlow: 'CB_X' }, { output: false });
    expect(out.error).toMatchObject({ kind: 'MissingService', message: expect.stringContaining('eventbridge.routing') });
  });

  it('refuses an event type expression that yields nothing', async () => {
    const out = await runActivity(modules, 'eventbridge.CreateConfiguration', { eventType: '$EventType', callbackFlow: 'CB_X' }, {
      output: false,
      parameters: { EventType: '' },
      parameterTypes: [{ name: 'EventType', type: 'String' }],
      services: { 'eventbridge.routing': new MemoryEventRoutingStore() },
    });
    expect(out.error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('Event type is required') });
  });
});
