/**
 * The event pattern Route Events To App puts on its rule: `{"detail-type": eventTypes, "source": sources}`
 * (sources only when given). Built here once: the activity uses it with evaluated lists, the editor's
 * pattern tester (through the manifest's declared panel) with the node's literal lists.
 */
import type { NodeEventPattern } from '@flowbridge/flow-model';

/** The rule's pattern for these event types and sources. */
export function eventPatternOf(eventTypes: readonly string[], sources: readonly string[]): Record<string, string[]> {
  const pattern: Record<string, string[]> = { 'detail-type': [...eventTypes] };
  if (sources.length > 0) pattern.source = [...sources];
  return pattern;
}

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

/** The rule's pattern of a Route Events To App node's configuration, or why it cannot be known before the flow runs. */
export function routeEventsPatternOf(config: Readonly<Record<string, unknown>>): NodeEventPattern {
  const eventTypes = literalStringList(config.eventTypes);
  const sources = isBlank(config.sources) ? [] : literalStringList(config.sources);
  const computed = [...(eventTypes ? [] : ['Event types']), ...(sources ? [] : ['Sources'])];
  if (!eventTypes || !sources) {
    return {
      ok: false,
      computed,
      message: `${computed.join(' and ')} ${computed.length > 1 ? 'are' : 'is'} computed when the flow runs, so the pattern is not known here. Write ${computed.length > 1 ? 'them' : 'it'} as a list of quoted texts, e.g. ['OrderPlaced'], or paste a pattern to test.`,
    };
  }
  return { ok: true, pattern: eventPatternOf(eventTypes, sources) };
}
