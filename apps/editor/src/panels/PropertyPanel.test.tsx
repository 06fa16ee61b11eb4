import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { createEmptyFlow, type FlowDocument, type FlowNode } from '@flowbridge/flow-model';
import { useEditor } from '../store/editor-store';
import { PropertyPanel } from './PropertyPanel';

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
      node('put', 'eventbridge.PutEvents', { region: "'us-east-1'", entries: [{ source: "'a'", detailType: "'A'", detail: '{}' }, { source: "'b'", detailType: "'B'", detail: '{}' }] }),
      node('orphan', 'eventbridge.PutEvents', { region: "'us-east-1'", entries: [] }),
      node('config', 'eventbridge.CreateConfiguration', { eventType: "'OrderPlaced'" }),
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'creds' },
      { id: 'e2', source: 'creds', sourcePort: 'out', target: 'text' },
      { id: 'e3', source: 'text', sourcePort: 'out', target: 'put' },
      { id: 'e4', source: 'put', sourcePort: 'out', target: 'end' },
    ],
  };
}

const config = (id: string) => useEditor.getState().document.nodes.find((n) => n.id === id)!.config;

beforeEach(() => {
  useEditor.getState().setFlows([]);
  useEditor.getState().load(publishingFlow(), 'ACT_Publish');
});
afterEach(cleanup);

describe('property panel', () => {
  it('the credentials picker offers only Credentials variables in scope at the node, and picking one sets $Name', () => {
    useEditor.getState().select(['put']);
    render(<PropertyPanel />);
    const picker = screen.getByLabelText('Credentials') as HTMLSelectElement;
    const options = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(options).toContain('$Credentials (Credentials)');
    expect(options.some((o) => o?.includes('$Text'))).toBe(false);
    fireEvent.change(picker, { target: { value: '$Credentials' } });
    expect(config('put').credentials).toBe('$Credentials');
  });

  it('off the credentials path the picker says why it is empty', () => {
    useEditor.getState().select(['orphan']);
    render(<PropertyPanel />);
    expect(screen.getByText(/No Credentials variable is in scope here/)).toBeTruthy();
  });

  it('the region is searched by name and stored as a string literal', () => {
    useEditor.getState().select(['put']);
    render(<PropertyPanel />);
    const region = screen.getByRole('combobox', { name: 'Region' });
    fireEvent.focus(region);
    fireEvent.change(region, { target: { value: 'ireland' } });
    const options = screen.getAllByRole('option').filter((o) => o.closest('.region-list'));
    expect(options.map((o) => o.textContent)).toEqual(['eu-west-1 Europe (Ireland)']);
    fireEvent.click(options[0]!);
    expect(config('put').region).toBe("'eu-west-1'");
  });

  it('a computed region opens as an expression', () => {
    useEditor.getState().apply((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'put' ? { ...n, config: { ...n.config, region: "$constant('AWS.Region')" } } : n)) }));
    useEditor.getState().select(['put']);
    render(<PropertyPanel />);
    expect(screen.queryByRole('combobox', { name: 'Region' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Pick from list' })).toHaveProperty('disabled', true);
  });

  it('the entries table adds, reorders and removes rows', () => {
    useEditor.getState().select(['put']);
    render(<PropertyPanel />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add row' }));
    expect(config('put').entries).toHaveLength(3);
    expect((config('put').entries as Array<Record<string, unknown>>)[2]).toEqual({ source: "'com.example.app'", detailType: "'OrderPlaced'", detail: '{"id": 1}' });
    fireEvent.click(screen.getByRole('button', { name: 'Move row 2 up' }));
    expect((config('put').entries as Array<{ source: string }>).map((r) => r.source)).toEqual(["'b'", "'a'", "'com.example.app'"]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect((config('put').entries as Array<{ source: string }>).map((r) => r.source)).toEqual(["'a'", "'com.example.app'"]);
  });

  it('the callback-flow picker offers only flows with exactly one HttpRequest parameter', () => {
    useEditor.getState().setFlows([
      { name: 'CB_Good', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }], problemCount: 0 },
      { name: 'ACT_NoParams', parameters: [], problemCount: 0 },
      { name: 'CB_TwoParams', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }, { name: 'X', type: 'String' }], problemCount: 0 },
    ]);
    useEditor.getState().select(['config']);
    render(<PropertyPanel />);
    const picker = screen.getByLabelText('Callback flow') as HTMLSelectElement;
    const options = within(picker).getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['(choose a flow)', 'CB_Good', '+ New callback flow with a HttpRequest parameter…']);
    fireEvent.change(picker, { target: { value: 'CB_Good' } });
    expect(config('config').callbackFlow).toBe('CB_Good');
  });

  it('the Start edits the flow parameters and checks their types', () => {
    useEditor.getState().select(['start']);
    render(<PropertyPanel />);
    fireEvent.click(screen.getByRole('button', { name: '+ Add parameter' }));
    expect(useEditor.getState().document.parameters).toEqual([{ name: 'Parameter1', type: 'String' }]);
    fireEvent.change(screen.getByLabelText('Parameter 1 type'), { target: { value: 'List<' } });
    expect(useEditor.getState().document.parameters[0]!.type).toBe('List<');
    expect(screen.getAllByText(/is not a type/).length).toBeGreaterThan(0);
  });

  it('the End edits the return type', () => {
    useEditor.getState().select(['end']);
    render(<PropertyPanel />);
    fireEvent.change(screen.getByLabelText('Return type'), { target: { value: 'Credentials' } });
    expect(useEditor.getState().document.returnType).toBe('Credentials');
  });

  it('fields come from the definition: every PutEvents field has a control', () => {
    useEditor.getState().select(['put']);
    const { container } = render(<PropertyPanel />);
    const definition = useEditor.getState().catalogue.activities.get('eventbridge.PutEvents')!;
    for (const field of definition.fields) expect(container.querySelector(`[data-field="${field.name}"]`)).not.toBeNull();
  });
});
