/** JSONata expressions, compiled once per flow version and evaluated with the run's variables as bindings. */
import jsonata from 'jsonata';
import { parseTemplate } from '@flowbridge/flow-model';

export type Bindings = Record<string, unknown>;
export type CompiledExpression = (bindings: Bindings) => Promise<unknown>;

/** Compiles a JSONata expression; throws the JSONata syntax error (callers validate first). */
export function compileExpression(source: string): CompiledExpression {
  const expression = jsonata(source);
  return (bindings) => expression.evaluate({}, bindings);
}

/** Compiles a `{{ expression }}` template to a function producing its text. */
export function compileTemplate(template: string): CompiledExpression {
  const parts = parseTemplate(template).map((part) => ('text' in part ? part.text : compileExpression(part.expression)));
  return async (bindings) => {
    let out = '';
    for (const part of parts) {
      if (typeof part === 'string') out += part;
      else out += formatValue(await part(bindings));
    }
    return out;
  };
}

function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
