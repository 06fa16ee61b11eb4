/** The contract every field widget kind fulfils in flow-model: how its value validates and what it refers to. */
import type { ActivityDefinition, Catalogue, FieldDefinition } from '../activity-definition.js';
import type { FlowNode } from '../document.js';
import type { VariableScope } from '../scope-analysis.js';

/** One expression held by a field value; `offset` locates it in the value (templates), `column` names a table column. */
export interface FieldExpression {
  source: string;
  offset: number;
  column?: FieldDefinition;
}

/** Names a field value refers to outside itself (flows, constants, enumerations), for checks and reference indexes. */
export interface FieldReferences {
  flows: string[];
  constants: string[];
  enumerations: string[];
}

/** What a kind's `validate` may use: the node, the catalogue, the variables in scope and ways to report. */
export interface FieldCheck {
  readonly node: FlowNode;
  readonly definition: ActivityDefinition;
  readonly field: FieldDefinition;
  readonly catalogue: Catalogue;
  /** Variables in scope at the node. */
  readonly scope: VariableScope;
  /** Types of every variable the flow defines (in scope or not). */
  readonly variableTypes: ReadonlyMap<string, string>;
  /** The node as messages name it, quoted. */
  readonly nodeLabel: string;
  /** Reports an error on this field. */
  error(code: string, message: string): void;
  /** Reports "<field> must be <expected>". */
  wrongType(expected: string): void;
  /** Checks syntax, variables in scope and constant use of an expression the value holds. */
  checkExpression(expression: FieldExpression): void;
  /** Checks that `source` yields a value assignable to `expected` (`what` names it in the message). */
  checkExpressionType(source: string, expected: string, what?: string): void;
}

/** One field widget kind, as flow-model knows it. */
export interface FieldKind {
  /**
   * The expressions a (non-empty) value holds, with offsets; `undefined` when the value is not one this
   * kind reads expressions from (then a table cell is checked as a plain required value).
   */
  expressions(value: unknown, field: FieldDefinition): FieldExpression[] | undefined;
  /** Flows, constants and enumerations the value names directly (expression references are added by `fieldReferences`). */
  references?(value: unknown, field: FieldDefinition): Partial<FieldReferences>;
  /** Checks a non-empty value; the required check has already been done. */
  validate(value: unknown, check: FieldCheck): void;
}
