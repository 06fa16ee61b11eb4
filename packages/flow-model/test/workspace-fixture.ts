/** A small workspace with every kind of reference, on a catalogue of test activities that declare them the way connectors do. */
import { coreModule, createCatalogue, defineActivityDefinition, type Catalogue, type FlowDocument } from '../src/index.js';
import { chain } from './builder.js';

/** Binds an event type to a callback flow (as Create Configuration). */
export const bind = defineActivityDefinition({
  kind: 'test.Bind',
  label: 'Bind',
  category: 'Test',
  icon: 'B',
  description: 'Binds an event type.',
  fields: [
    { name: 'eventType', label: 'Event type', widget: 'expression', type: 'String', eventTypes: 'binding' },
    { name: 'callbackFlow', label: 'Callback flow', widget: 'flow', flowParameterType: 'JSON' },
  ],
  ports: [{ id: 'out' }],
});

/** Sends events (as Put Events): event types in table cells, a constant field for its key. */
export const send = defineActivityDefinition({
  kind: 'test.Send',
  label: 'Send',
  category: 'Test',
  icon: 'S',
  description: 'Sends events.',
  fields: [
    { name: 'secretKey', label: 'Secret key', widget: 'constant' },
    { name: 'routes', label: 'Routed types', widget: 'expression', type: 'List<String>', eventTypes: 'use' },
    {
      name: 'entries',
      label: 'Entries',
      widget: 'table',
      columns: [
        { name: 'detailType', label: 'Detail type', widget: 'expression', type: 'String', eventTypes: 'use' },
        { name: 'detail', label: 'Detail', widget: 'expression', type: 'JSON' },
      ],
    },
  ],
  ports: [{ id: 'out' }],
});

export const catalogue: Catalogue = createCatalogue([
  coreModule,
  { activities: [bind, send], enumerations: [{ name: 'shop.Size', values: [{ value: 'S', label: 'Small' }, { value: 'L', label: 'Large' }] }] },
]);

export const callback: FlowDocument = chain([['log', 'LogMessage', { level: 'info', message: "Key {{ $constant('Shop.Url') }}" }]], { name: 'CB_Order', parameters: [{ name: 'Request', type: 'JSON' }] });

export const helper: FlowDocument = chain([], { name: 'SUB_Size', parameters: [{ name: 'Size', type: 'Enum<shop.Size>' }], returnType: 'List<Enum<shop.Size>>', returnValue: '[$Size]' });

export const startup: FlowDocument = chain(
  [
    ['b', 'test.Bind', { eventType: "'OrderPlaced'", callbackFlow: 'CB_Order' }],
    ['s', 'test.Send', { secretKey: 'Shop.ApiKey', routes: "['OrderPlaced', 'OrderShipped']", entries: [{ detailType: "'OrderPlaced'", detail: "{'url': $constant('Shop.Url')}" }, { detailType: '$dynamic' }] }],
    ['v', 'CreateVariable', { variableName: 'Size', type: 'Enum<shop.Size>', value: "'S'" }],
    ['d', 'Decision', { condition: '$Size', enumeration: 'shop.Size' }],
  ],
  { name: 'ASU_Start' },
);
// Decision needs a path per outcome to be valid, but the index does not care; calls come after it.
startup.nodes.push({ id: 'call', kind: 'core.CallFlow', label: 'Size check', position: { x: 0, y: 200 }, config: { flow: 'SUB_Size', parameters: { Size: "$constant('Shop.DefaultSize')" }, outputVariable: 'Sizes' } });
startup.nodes.find((n) => n.id === 'b')!.label = 'OrderPlaced → CB_Order';

export const flows = [callback, helper, startup];
export const settings = { afterStartupFlows: ['ASU_Start'], constants: { 'eventEndpoint.apiKeyConstant': 'Shop.ApiKey' } };
