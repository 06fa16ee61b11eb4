import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsAuthDefinitions } from '@flowbridge/connector-aws-auth/definitions';
import { checkTypeName, coreModule, createCatalogue, validate, withFlows, type ActivityDefinition, type FlowDocument } from '@flowbridge/flow-model';
import { describe, expect, it } from 'vitest';
import { eventBridgeDefinitions } from '../src/definitions/index.js';

const catalogue = createCatalogue([coreModule, awsAuthDefinitions, eventBridgeDefinitions]);

function flowWith(kind: string, config: Record<string, unknown>): FlowDocument {
  return {
    formatVersion: 1,
    name: 'ACT_Test',
    parameters: [],
    nodes: [
      { id: 'start', kind: 'core.Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'act', kind, position: { x: 200, y: 0 }, config },
      { id: 'end', kind: 'core.End', position: { x: 400, y: 0 }, config: {} },
    ],
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'act' },
      { id: 'e2', source: 'act', sourcePort: 'out', target: 'end' },
    ],
    annotations: [],
  };
}

const problemsOf = (doc: FlowDocument, cat = catalogue) => validate(doc, cat).filter((p) => p.nodeId === 'act').map((p) => p.code);

describe('EventBridge definitions', () => {
  it('registers every activity kind under the eventbridge prefix in the EventBridge palette group', () => {
    const kinds = (eventBridgeDefinitions.activities ?? []).map((a) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['eventbridge.PutEvents', 'eventbridge.RegisterApp', 'eventbridge.CreateConfiguration', 'eventbridge.RouteEventsToApp']));
    for (const a of eventBridgeDefinitions.activities ?? []) {
      expect(a.kind.startsWith('eventbridge.')).toBe(true);
      expect(a.category).toBe('EventBridge');
    }
  });

  it('refuses Put Events with neither entry rows nor a request', () => {
    expect(problemsOf(flowWith('eventbridge.PutEvents', { region: "'us-east-1'", entries: [], outputVariable: 'R' }))).toContain('no-entries');
  });

  it('reports broken cells and missing required columns of the entry rows', () => {
    const problems = validate(
      flowWith('eventbridge.PutEvents', { region: "'us-east-1'", outputVariable: 'R', entries: [{ source: "'a'", detailType: "'b'", detail: '{"x": }' }, { source: "'a'" }] }),
      catalogue,
    ).filter((p) => p.nodeId === 'act');
    expect(problems.filter((p) => p.field === 'entries').map((p) => p.code).sort()).toEqual(['expression-syntax', 'required', 'required']);
  });

  it('accepts Put Events with a valid entry row', () => {
    expect(problemsOf(flowWith('eventbridge.PutEvents', { region: "'us-east-1'", outputVariable: 'R', entries: [{ source: "'a'", detailType: "'b'", detail: '{"x": 1}' }] }))).toEqual([]);
  });

  it('rejects a callback flow without exactly one HttpRequest parameter', () => {
    const flows = new Map([
      ['CB_Good', { name: 'CB_Good', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }] }],
      ['CB_NoParameter', { name: 'CB_NoParameter', parameters: [] }],
      ['CB_WrongType', { name: 'CB_WrongType', parameters: [{ name: 'Body', type: 'String' }] }],
      ['CB_TwoParameters', { name: 'CB_TwoParameters', parameters: [{ name: 'HttpRequest', type: 'HttpRequest' }, { name: 'Extra', type: 'String' }] }],
    ]);
    const withWorkspace = withFlows(catalogue, flows);
    const check = (flow: string) => problemsOf(flowWith('eventbridge.CreateConfiguration', { eventType: "'OrderPlaced'", callbackFlow: flow }), withWorkspace);
    expect(check('CB_Good')).toEqual([]);
    expect(check('CB_NoParameter')).toEqual(['callback-signature']);
    expect(check('CB_WrongType')).toEqual(['callback-signature']);
    expect(check('CB_TwoParameters')).toEqual(['callback-signature']);
    expect(check('CB_Missing')).toEqual(['unknown-flow']);
  });

  it('declares the object types flows use, with PutEventsResponse as in the Mendix domain model', () => {
    const response = catalogue.objectTypes.get('PutEventsResponse');
    expect(response?.fields.map((f) => `${f.name}: ${f.type}`)).toEqual(['FailedEntryCount: Integer', 'Entries: List<ResponseEntry>']);
    expect(catalogue.objectTypes.get('ResponseEntry')?.fields.map((f) => f.name)).toEqual(['EventId', 'ErrorCode', 'ErrorMessage']);
    expect(catalogue.objectTypes.get('HttpRequest')?.fields.map((f) => f.name)).toEqual(['method', 'uri', 'headers', 'content', 'event']);
  });
});

describe('every AWS activity definition', () => {
  const activities: ReadonlyArray<ActivityDefinition> = [...awsAuthDefinitions.activities, ...eventBridgeDefinitions.activities];

  it('names only types the catalogue knows, in fields, outputs and object types', () => {
    const typeNames: string[] = [];
    for (const a of activities) {
      for (const field of a.fields) {
        if (field.type) typeNames.push(field.type);
        for (const column of field.columns ?? []) if (column.type) typeNames.push(column.type);
      }
      if (typeof a.output?.type === 'string') typeNames.push(a.output.type);
    }
    for (const t of [...(awsAuthDefinitions.objectTypes ?? []), ...(eventBridgeDefinitions.objectTypes ?? [])]) typeNames.push(...t.fields.map((f) => f.type));
    expect(typeNames.filter((t) => checkTypeName(t, catalogue) !== null)).toEqual([]);
  });

  it('starts, when dropped from the palette with its defaults, with no problem other than required fields left empty', () => {
    for (const a of activities) {
      const config = Object.fromEntries(a.fields.filter((f) => f.default !== undefined).map((f) => [f.name, f.default]));
      const problems = validate(flowWith(a.kind, config), catalogue).filter((p) => p.nodeId === 'act' && p.code !== 'required');
      expect(problems, a.kind).toEqual([]);
    }
  });

  it('gives every field a label and every activity a description', () => {
    for (const a of activities) {
      expect(a.description.length, a.kind).toBeGreaterThan(20);
      for (const field of a.fields) expect(field.label, `${a.kind}.${field.name}`).toBeTruthy();
    }
  });
});

describe('the definitions entry point', () => {
  it('imports neither the AWS SDK nor Node built-ins nor implementation modules, so the editor bundle stays browser-safe', () => {
    for (const pkg of ['connector-eventbridge', 'connector-aws-auth']) {
      const dir = join(import.meta.dirname, '..', '..', pkg, 'src', 'definitions');
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
        const source = readFileSync(join(dir, file), 'utf8');
        const imports = [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1]!);
        for (const specifier of imports) {
          expect(specifier, `${pkg}/src/definitions/${file}`).not.toMatch(/^(@aws-sdk\/|node:|jsonata$|@flowbridge\/runtime$|\.\.\/)/);
          if (specifier.startsWith('@flowbridge/connector-')) expect(specifier).toMatch(/\/definitions$/);
        }
      }
    }
  });
});
