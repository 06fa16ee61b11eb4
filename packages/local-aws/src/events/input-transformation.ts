import { evaluateJsonPath } from './json-path.js';
import type { EventEnvelope, RuleRecord, Target } from './model.js';
import { isoSeconds } from '../time-format.js';

/** Placeholders EventBridge fills in itself; they cannot be InputPathsMap keys. */
export const RESERVED_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
]);

const PLACEHOLDER = /<([^<>\s]+)>/g;

/** The placeholder names a template uses, in order of appearance. */
export function templatePlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '');
}

/** What a target receives for one event: a body, or nothing with the reason AWS would drop it for. */
export type TargetInput = { readonly kind: 'body'; readonly body: string } | { readonly kind: 'dropped'; readonly reason: string };

/** Text of a value placed inside a quoted template string: strings raw, objects `{k:v}`, arrays `[a,b]`. */
function bareText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(bareText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${k}:${bareText(v)}`).join(',')}}`;
  }
  return String(value);
}

/** Text of a value inside a quoted part of a JSON template: strings raw (unescaped), everything else as JSON. */
function quotedText(value: unknown): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Text of an unquoted placeholder in a JSON template: the value's JSON. */
function unquotedText(value: unknown): string {
  if (value === undefined) return '""';
  return JSON.stringify(value);
}

function placeholderValues(
  target: Target,
  event: EventEnvelope,
  rule: RuleRecord,
  ingestedAt: number,
): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [key, path] of Object.entries(target.InputTransformer?.InputPathsMap ?? {})) {
    values.set(key, evaluateJsonPath(event, path));
  }
  const { detail: _detail, 'detail-type': detailType, ...rest } = event;
  values.set('aws.events.rule-arn', rule.arn);
  values.set('aws.events.rule-name', rule.name);
  values.set('aws.events.event.ingestion-time', isoSeconds(ingestedAt));
  values.set('aws.events.event', { ...rest, detailType });
  values.set('aws.events.event.json', event);
  return values;
}

/**
 * Renders an InputTemplate the way AWS does: a template that is one JSON string gets bare text for every
 * placeholder; in a JSON template a placeholder inside quotes gets raw text and one outside quotes gets JSON.
 * Values are not escaped, so the result may not be JSON; callers drop such events, as AWS does.
 */
export function renderInputTemplate(template: string, values: ReadonlyMap<string, unknown>): string {
  const wholeString = template.trim().startsWith('"');
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i] ?? '';
    if (c === '\\' && inString) {
      out += c + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') {
      inString = !inString;
      out += c;
      continue;
    }
    if (c === '<') {
      const close = template.indexOf('>', i);
      const name = close > i ? template.slice(i + 1, close) : '';
      if (name !== '' && values.has(name) && !/[<\s]/.test(name)) {
        const value = values.get(name);
        out += wholeString ? bareText(value) : inString ? quotedText(value) : unquotedText(value);
        i = close;
        continue;
      }
    }
    out += c;
  }
  return out;
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether AWS delivers a rendered template: JSON as a whole, or a template of several lines each of which
 * is JSON on its own (AWS delivered `"a"\n"b"` as it was, recorded).
 */
function isDeliverable(text: string): boolean {
  if (isJson(text)) return true;
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines.length > 1 && lines.every(isJson);
}

/** Computes what a target receives for an event: the envelope, Input, InputPath or InputTransformer output. */
export function targetInput(target: Target, event: EventEnvelope, rule: RuleRecord, ingestedAt: number): TargetInput {
  if (target.Input !== undefined) return { kind: 'body', body: target.Input };
  if (target.InputPath !== undefined) {
    const selected = evaluateJsonPath(event, target.InputPath);
    if (selected === undefined) {
      return { kind: 'dropped', reason: `InputPath ${target.InputPath} selects nothing in the event.` };
    }
    return { kind: 'body', body: JSON.stringify(selected) };
  }
  if (target.InputTransformer !== undefined) {
    const body = renderInputTemplate(
      target.InputTransformer.InputTemplate,
      placeholderValues(target, event, rule, ingestedAt),
    );
    if (!isDeliverable(body)) {
      return {
        kind: 'dropped',
        reason: `InputTemplate produced text that is not JSON, which EventBridge does not deliver: ${body.slice(0, 200)}`,
      };
    }
    return { kind: 'body', body };
  }
  return { kind: 'body', body: JSON.stringify(event) };
}
