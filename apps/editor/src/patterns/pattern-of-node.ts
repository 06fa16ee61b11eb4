/**
 * The event pattern a Route Events To App activity puts on its rule: `{"detail-type": eventTypes,
 * "source": sources}` (sources only when given), as the connector builds it. The editor can only know it
 * when both fields are literal lists; a computed expression is named so the tester can say so.
 */
import type { FlowNode } from '@flowbridge/flow-model';

export const ROUTE_EVENTS_KIND = 'eventbridge.RouteEventsToApp';

export type NodePattern =
  | { ok: true; pattern: Record<string, string[]> }
  /** `computed` names the fields whose values are only known when the flow runs. */
  | { ok: false; computed: string[]; message: string };

const STRING = String.raw`(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")`;
const LIST = new RegExp(String.raw`^\[\s*(?:${STRING}\s*(?:,\s*${STRING}\s*)*)?\]$`);
const ITEM = new RegExp(STRING, 'g');

function unquote(literal: string): string {
  const body = literal.slice(1, -1);
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', t: '\t', r: '\r' })[c] ?? c);
}

/** Reads a field holding a list of string literals (`['A', "B"]`, or an already parsed array); undefined when it is computed. */
export function literalStringList(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (!LIST.test(text)) return undefined;
  return (text.match(ITEM) ?? []).map(unquote);
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** The rule's pattern for a Route Events To App node, or why it cannot be known before the flow runs. */
export function patternOfNode(node: Pick<FlowNode, 'kind' | 'config'>): NodePattern {
  if (node.kind !== ROUTE_EVENTS_KIND) return { ok: false, computed: [], message: `${node.kind} does not define an event pattern.` };
  const eventTypes = literalStringList(node.config.eventTypes);
  const sources = isBlank(node.config.sources) ? [] : literalStringList(node.config.sources);
  const computed = [...(eventTypes ? [] : ['Event types']), ...(sources ? [] : ['Sources'])];
  if (!eventTypes || !sources) {
    return {
      ok: false,
      computed,
      message: `${computed.join(' and ')} ${computed.length > 1 ? 'are' : 'is'} computed when the flow runs, so the pattern is not known here. Write ${computed.length > 1 ? 'them' : 'it'} as a list of quoted texts, e.g. ['OrderPlaced'], or paste a pattern to test.`,
    };
  }
  const pattern: Record<string, string[]> = { 'detail-type': eventTypes };
  if (sources.length > 0) pattern.source = sources;
  return { ok: true, pattern };
}
