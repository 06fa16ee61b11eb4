import { defineActivityDefinition, defineConnectorManifest } from '@flowbridge/flow-model';
import { describe, expect, it } from 'vitest';
import { coreModule } from '@flowbridge/flow-model';
import { coreRuntimeModule, createEngine, defineActivity, defineConnector, defineService, pairConnectors, provideServices, serviceEntry, type ActivityImplementation, type EventEndpointDeclaration } from '../src/index.js';

const greet = defineActivityDefinition({
  kind: 'demo.Greet',
  label: 'Greet',
  category: 'Demo',
  icon: 'g',
  description: 'Greets someone.',
  fields: [
    { name: 'name', label: 'Name', widget: 'expression', type: 'String', required: true },
    { name: 'loud', label: 'Loud', widget: 'checkbox' },
  ],
  ports: [{ id: 'out' }],
});
const wave = defineActivityDefinition({ kind: 'demo.Wave', label: 'Wave', category: 'Demo', icon: 'w', description: 'Waves.', fields: [], ports: [{ id: 'out' }] });
const manifest = defineConnectorManifest({ id: 'demo', activities: [greet, wave] });

const greetImpl = defineActivity(greet, async (ctx) => {
  const name: string = await ctx.value('name');
  const loud: boolean | undefined = await ctx.value('loud');
  // @ts-expect-error a field the definition does not declare is a compile error
  await ctx.value('nmae');
  return { output: loud ? name.toUpperCase() : name };
});
const waveImpl: ActivityImplementation = { kind: 'demo.Wave', execute: () => ({}) };

describe('defineConnector', () => {
  it('pairs every declared kind with its implementation', () => {
    const engine = createEngine([coreRuntimeModule, defineConnector(manifest, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl })]);
    expect(engine.implementations.get('demo.Greet')).toBe(greetImpl);
    expect(greetImpl.definition).toBe(greet);
  });

  it('does not compile without an implementation for a declared kind, nor with an undeclared one', () => {
    // @ts-expect-error demo.Wave is declared but not implemented
    expect(() => defineConnector(manifest, { 'demo.Greet': greetImpl })).not.toThrow();
    // @ts-expect-error demo.Extra is implemented but not declared
    expect(() => defineConnector(manifest, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl, 'demo.Extra': { kind: 'demo.Extra', execute: () => ({}) } })).not.toThrow();
  });

  it('refuses an implementation listed under another kind', () => {
    // The key and the implementation's kind must agree, so a copy-paste slip cannot swap two activities.
    expect(() => defineConnector(manifest, { 'demo.Greet': greetImpl, 'demo.Wave': { kind: 'demo.Greet', execute: () => ({}) } })).toThrow(/listed as demo.Wave implements demo.Greet/);
  });
});

describe('event endpoints', () => {
  const endpoint = (path: string): EventEndpointDeclaration => ({
    path,
    sender: 'Demo',
    callbackParameterType: 'HttpRequest',
    auth: { keyMatches: (presented, expected) => expected !== undefined && presented === expected },
    check: () => ({ ok: false, status: 400, error: 'Demo', message: 'demo' }),
    documentation: { summary: 'Demo', eventName: 'DemoEvent', eventFields: { id: 'string' }, apiKeyDescription: 'Demo key' },
  });

  const withEndpoint = { ...manifest, eventEndpoints: [{ path: '/rest/Demo/v1/event', sender: 'Demo' }] };

  it('are part of the connector, none by default', () => {
    const demo = endpoint('/rest/Demo/v1/event');
    expect(defineConnector(withEndpoint, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl }, { endpoints: [demo] }).endpoints).toEqual([demo]);
    expect(defineConnector(manifest, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl }).endpoints).toEqual([]);
  });

  it('are named in the manifest too, so the editor can show them: a path on one side only is refused', () => {
    const demo = endpoint('/rest/Demo/v1/event');
    expect(() => defineConnector(manifest, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl }, { endpoints: [demo] })).toThrow(/declared but not in the manifest's eventEndpoints/);
    expect(() => defineConnector(withEndpoint, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl })).toThrow(/declares no endpoint there/);
  });

  it('must not reach into the admin API', () => {
    expect(() => defineConnector({ ...manifest, eventEndpoints: [{ path: '/api/events', sender: 'Demo' }] }, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl }, { endpoints: [endpoint('/api/events')] })).toThrow(/outside \/api/);
  });
});

describe('pairConnectors', () => {
  const demo = defineConnector(manifest, { 'demo.Greet': greetImpl, 'demo.Wave': waveImpl });

  it('pairs each installed manifest with its implementation, in the list’s order', () => {
    expect(pairConnectors([coreModule, manifest], [demo, coreRuntimeModule])).toEqual([coreRuntimeModule, demo]);
  });

  it('refuses an installed manifest without an implementation, naming it', () => {
    expect(() => pairConnectors([coreModule, manifest], [coreRuntimeModule])).toThrow('Connector "demo" is installed but has no implementation');
  });

  it('refuses an implementation whose manifest is not installed, naming it', () => {
    expect(() => pairConnectors([coreModule], [coreRuntimeModule, demo])).toThrow('Connector "demo" has an implementation but no manifest in the installed connectors');
  });

  it('refuses a connector listed twice', () => {
    expect(() => pairConnectors([coreModule, manifest, manifest], [coreRuntimeModule, demo])).toThrow('listed twice');
    expect(() => pairConnectors([coreModule, manifest], [coreRuntimeModule, demo, demo])).toThrow('two implementations');
  });
});

describe('createEngine', () => {
  it('names the kind and the connector when a definition has no implementation', () => {
    const module = { id: 'demo', definitions: manifest, implementations: [greetImpl] };
    expect(() => createEngine([coreRuntimeModule, module])).toThrow('Connector demo defines activity kind demo.Wave, but has no implementation for it');
  });

  it('names the kind and the connector when an implementation has no definition', () => {
    const module = { id: 'demo', definitions: { activities: [greet] }, implementations: [greetImpl, waveImpl] };
    expect(() => createEngine([coreRuntimeModule, module])).toThrow('Connector demo implements activity kind demo.Wave, but does not define it');
  });

  it('refuses a kind implemented twice', () => {
    const module = { id: 'demo', definitions: { activities: [greet] }, implementations: [greetImpl, greetImpl] };
    expect(() => createEngine([coreRuntimeModule, module])).toThrow('implements activity kind demo.Greet twice');
  });
});

describe('typed services', () => {
  const CLOCK = defineService<{ now(): Promise<number> }>('demo.clock');

  it('builds a frozen service record from typed entries, leaving undefined ones out', () => {
    const services = provideServices(serviceEntry(CLOCK, { now: async () => 1 }), serviceEntry(defineService<string>('demo.url'), undefined));
    expect(Object.keys(services)).toEqual(['demo.clock']);
    expect(Object.isFrozen(services)).toBe(true);
    // @ts-expect-error a value of the wrong type for its key is a compile error
    serviceEntry(CLOCK, 'not a clock');
  });

  it('refuses a service provided twice', () => {
    expect(() => provideServices(serviceEntry(CLOCK, { now: async () => 1 }), serviceEntry(CLOCK, { now: async () => 2 }))).toThrow('demo.clock is provided twice');
  });
});
