/**
 * Evaluating the expression cells of a `table` field. The runtime evaluates top-level fields only, so
 * rows are evaluated here with the same JSONata semantics: each `$name` is bound to the flow variable
 * of that name. Compiled expressions are cached by source, so a cell is compiled once, not per run.
 */
import jsonata from 'jsonata';
import type { ActivityContext } from '@flowbridge/runtime';

interface CompiledCell {
  expression: jsonata.Expression;
  variables: string[];
}

const MAX_CACHED = 2000;
const compiled = new Map<string, CompiledCell>();

/** The rows of a table field, each cell evaluated; empty cells are left out. */
export async function evaluateRows(ctx: ActivityContext, field: string, columns: ReadonlyArray<string>): Promise<Array<Record<string, unknown>>> {
  const rows = ctx.raw(field);
  if (!Array.isArray(rows)) return [];
  const out: Array<Record<string, unknown>> = [];
  for (const row of rows) {
    const cells = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
    const values: Record<string, unknown> = {};
    for (const column of columns) {
      const source = cells[column];
      if (typeof source !== 'string' || source.trim() === '') continue;
      values[column] = await evaluateCell(ctx, source);
    }
    out.push(values);
  }
  return out;
}

async function evaluateCell(ctx: ActivityContext, source: string): Promise<unknown> {
  const cell = compile(source);
  const bindings: Record<string, unknown> = {};
  for (const name of cell.variables) {
    const value = ctx.variable(name);
    // Only bind flow variables; unbound names stay JSONata's built-in functions ($string, $now...).
    if (value !== undefined) bindings[name] = value;
  }
  return cell.expression.evaluate({}, bindings);
}

function compile(source: string): CompiledCell {
  const found = compiled.get(source);
  if (found) return found;
  const expression = jsonata(source);
  const cell = { expression, variables: [...variablesOf(expression.ast())] };
  if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
  compiled.set(source, cell);
  return cell;
}

/** Every `$name` an expression mentions (walks the whole AST; JSONata nests nodes under many keys). */
function variablesOf(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) variablesOf(item, into);
    return into;
  }
  if (typeof node !== 'object' || node === null) return into;
  const n = node as { type?: unknown; value?: unknown };
  if (n.type === 'variable' && typeof n.value === 'string' && n.value !== '') into.add(n.value);
  for (const child of Object.values(node)) if (typeof child === 'object' && child !== null) variablesOf(child, into);
  return into;
}
