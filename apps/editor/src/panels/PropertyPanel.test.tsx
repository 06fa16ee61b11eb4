import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createEmptyFlow, type FlowDocument, type FlowNode } from '@flowbridge/flow-model';
import { baseCatalogue } from '../connectors';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { PropertyPanel } from './PropertyPanel';

// Installed connectors' activities are found by label in the installed list; the editor core names no connector.
const kindOf = (label: string) => [...baseCatalogue.activities.values()].find((a) => a.label === label)!.kind;
const PUT_EVENTS = kindOf('Put Events');
const CREATE_CONFIGURATION = kindOf('Create Configuration');
const ROUTE_EVENTS = kindOf('Route Events To App');

// Each test gets a fresh editor store, as each mounted editor does.
let store = createEditorStore();
beforeEach(() => {
  store = createEditorStore();
});

const node = (id: string, kind: string, config: Record<string, unknown> = {}): FlowNode => ({ id, kind, position: { x: 0, y: 0 }, config });

/** Start → Get Static Credentials → Create Variable (String) → Put Events → End, plus a Put Events off the path. */
function publishingFlow(): FlowDocument {
  const base = createEmptyFlow('ACT_Publish');
  return {
    ...base,
    nodes: [
      ...base.nodes,
      node('creds', 'aws.GetStaticCredentials', { accessKeyId: 'AWS.AccessKeyId', secretAccessKey: 'AWS.SecretAccessKey', outputVariable: 'Credentials' }),
      node('text', 'core.CreateVariable', { variableName: 'Text', type: 'String', value: "'x'" }),
      node('put', PUT_EVENTS, { region: "'us-east-1'", entries: [{ source: "'a'", detailType: "'A'", detail: '{}' }, { source: "'b'", detailType: "'B'", detail: '{}' }] }),
      node('orphan', PUT_EVENTS, { region: "'us-east-1'", entries: [] }),
      node('config', CREATE_CONFIGURATION, { eventType: "'OrderPlaced'" }),
      node('route', ROUTE_EVENTS, { eventTypes: "['OrderPlaced']" }),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'creds' },
      { id: 'e2', source: 'creds', sourcePort: 'out', target: 'text' },
      { id: 'e3', source: 'text', sourcePort: 'out', target: 'put' },
      { id: 'e4', source: 'put', sourcePort: 'out', target: 'end' },
    ],
  };
}

const config = (id: string) => store.getState().document.nodes.find((n) => n.id === id)!.config;

beforeEach(() => {
  store.getState().setFlows([]);
  store.getState().load(publishingFlow(), 'ACT_Publish');
});
afterEach(cleanup);

describe('property panel', () => {
  it('the credentials picker offers only Credentials variables in scope at the node, and picking one sets $Name', () => {
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    const picker = screen.getByLabelText('Credentials') as HTMLSelectElement;
    const options = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(options).toContain('$Credentials (Credentials)');
    expect(options.some((o) => o?.includes('$Text'))).toBe(false);
    fireEvent.change(picker, { target: { value: '$Credentials' } });
    expect(config('put').credentials).toBe('$Credentials');
  });

  it('off the credentials path the picker says why it is empty', () => {
    store.getState().select(['orphan']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.getByText(/No Credentials variable is in scope here/)).toBeTruthy();
  });

  it('the region is searched by name and stored as a string literal', () => {
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    const region = screen.getByRole('combobox', { name: 'Region' });
    fireEvent.focus(region);
    fireEvent.change(region, { target: { value: 'ireland' } });
    const options = screen.getAllByRole('option').filter((o) => o.closest('.region-list'));
    expect(options.map((o) => o.textContent)).toEqual(['eu-west-1 Europe (Ireland)']);
    fireEvent.click(options[0]!);
    expect(config('put').region).toBe("'eu-west-1'");
  });

  it('the region list is used from the keyboard: type to filter, arrows to move, Enter to pick', () => {
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    const region = screen.getByRole('combobox', { name: 'Region' });
    fireEvent.focus(region);
    expect(region.getAttribute('aria-expanded')).toBe('true');
    fireEvent.change(region, { target: { value: 'europe' } });
    const options = () => screen.getAllByRole('option').filter((o) => o.closest('.region-list'));
    const codes = options().map((o) => o.textContent!.split(' ')[0]);
    expect(codes.length).toBeGreaterThan(2);
    fireEvent.keyDown(region, { key: 'ArrowDown' });
    fireEvent.keyDown(region, { key: 'ArrowDown' });
    expect(options().map((o) => o.getAttribute('aria-selected'))).toEqual(codes.map((_, i) => String(i === 1)));
    expect(region.getAttribute('aria-activedescendant')).toBe(options()[1]!.id);
    fireEvent.keyDown(region, { key: 'Enter' });
    expect(config('put').region).toBe(`'${codes[1]}'`);
    expect(region.getAttribute('aria-expanded')).toBe('false');
  });

  it('Escape closes the region list without changing the region', () => {
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    const before = config('put').region;
    const region = screen.getByRole('combobox', { name: 'Region' });
    fireEvent.focus(region);
    fireEvent.change(region, { target: { value: 'tokyo' } });
    fireEvent.keyDown(region, { key: 'ArrowDown' });
    fireEvent.keyDown(region, { key: 'Escape' });
    expect(region.getAttribute('aria-expanded')).toBe('false');
    expect(config('put').region).toBe(before);
  });

  it('a computed region opens as an expression', () => {
    store.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'put' ? { ...n, config: { ...n.config, region: "$constant('AWS.Region')" } } : n)) }));
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.queryByRole('combobox', { name: 'Region' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Pick from list' })).toHaveProperty('disabled', true);
  });

  it('the entries table adds, reorders and removes rows', () => {
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add row' }));
    expect(config('put').entries).toHaveLength(3);
    expect((config('put').entries as Array<Record<string, unknown>>)[2]).toEqual({ source: "'com.example.app'", detailType: "'OrderPlaced'", detail: '{"id": 1}' });
    fireEvent.click(screen.getByRole('button', { name: 'Move row 2 up' }));
    expect((config('put').entries as Array<{ source: string }>).map((r) => r.source)).toEqual(["'b'", "'a'", "'com.example.app'"]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect((config('put').entries as Array<{ source: string }>).map((r) => r.source)).toEqual(["'a'", "'com.example.app'"]);
  });

  it('the callback-flow picker offers only flows with exactly one HttpRequest parameter', () => {
    store.getState().setFlows([
      { name: 'CB_Good', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }], problemCount: 0 },
      { name: 'ACT_NoParams', parameters: [], problemCount: 0 },
      { name: 'CB_TwoParams', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }, { name: 'X', type: 'String' }], problemCount: 0 },
    ]);
    store.getState().select(['config']);
    renderInEditor(store, <PropertyPanel />);
    const picker = screen.getByLabelText('Callback flow') as HTMLSelectElement;
    const options = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['(choose a flow)', 'CB_Good', '+ New callback flow with a HttpRequest parameter…']);
    fireEvent.change(picker, { target: { value: 'CB_Good' } });
    expect(config('config').callbackFlow).toBe('CB_Good');
  });

  it('the Start edits the flow parameters and checks their types', () => {
    store.getState().select(['start']);
    renderInEditor(store, <PropertyPanel />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add parameter' }));
    expect(store.getState().document.parameters).toEqual([{ name: 'Parameter1', type: 'String' }]);
    fireEvent.change(screen.getByLabelText('Parameter 1 type'), { target: { value: 'List<' } });
    expect(store.getState().document.parameters[0]!.type).toBe('List<');
    expect(screen.getAllByText(/is not a type/).length).toBeGreaterThan(0);
  });

  it('the End edits the return type', () => {
    store.getState().select(['end']);
    renderInEditor(store, <PropertyPanel />);
    fireEvent.change(screen.getByLabelText('Return type'), { target: { value: 'Credentials' } });
    expect(store.getState().document.returnType).toBe('Credentials');
  });

  it('fields come from the definition: every PutEvents field has a control', () => {
    store.getState().select(['put']);
    const { container } = renderInEditor(store, <PropertyPanel />);
    const definition = store.getState().catalogue.activities.get(PUT_EVENTS)!;
    for (const field of definition.fields) expect(container.querySelector(`[data-field="${field.name}"]`)).not.toBeNull();
  });

  it('renders the panel a connector declares for the selected activity, and none for others', () => {
    store.getState().select(['route']);
    renderInEditor(store, <PropertyPanel />);
    expect(JSON.parse((screen.getByLabelText(/Event pattern/) as HTMLTextAreaElement).value)).toEqual({ 'detail-type': ['OrderPlaced'] });
    cleanup();
    store.getState().select(['put']);
    renderInEditor(store, <PropertyPanel />);
    expect(screen.queryByLabelText(/Event pattern/)).toBeNull();
  });
});
