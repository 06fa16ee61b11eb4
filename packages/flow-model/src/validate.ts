/**
 * `validate(document, catalogue)`: the one check both the editor (live problems) and the server
 * (on save, before run) use. Accepts arbitrary JSON (older format versions are migrated first) and
 * never throws.
 */
import { portsOf, type ActivityDefinition, type Catalogue, type FieldDefinition } from './activity-definition.js';
import { EMPTY_OUTCOME, LATEST_ERROR, LOOP_BODY, LOOP_DONE } from './core/index.js';
import type { FlowDocument, FlowEdge, FlowNode } from './document.js';
import { CONSTANT_FUNCTION, inferType, parseExpression, referencedConstants, referencedVariables, JSONATA_BUILTINS, type ExpressionNode } from './expression-analysis.js';
import { parseDocument } from './parse-document.js';
import type { Problem } from './problems.js';
import { analyzeFlow, collect, NO_VARIABLES, outputNameOf, type FlowAnalysis, type VariableScope } from './scope.js';
import { checkTypeName, isAssignableName, parseType } from './types.js';
import { FIELD_KINDS } from './field-kinds/index.js';
import { parameterNameProblems } from './workspace-rules.js';

/** Every problem in `input`, structural first; an empty list means the flow can run. */
export function validate(input: unknown, catalogue: Catalogue): Problem[] {
  try {
    const parsed = parseDocument(input);
    if (!parsed.ok) return parsed.problems;
    return new Validator(parsed.document, catalogue).run();
  } catch (error) {
    // A bug in a check must not take the editor or the server down; report it as a problem instead.
    return [{ severity: 'error', code: 'internal', message: `Validation failed unexpectedly: ${(error as Error).message}` }];
  }
}

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([LATEST_ERROR, CONSTANT_FUNCTION, ...JSONATA_BUILTINS]);

class Validator {
  private readonly problems: Problem[] = [];
  private readonly byId = new Map<string, FlowNode>();
  private readonly outgoing = new Map<string, FlowEdge[]>();
  private readonly asts = new Map<string, ReturnType<typeof parseExpression>>();
  private analysis!: FlowAnalysis;

  constructor(
    private readonly doc: FlowDocument,
    private readonly catalogue: Catalogue,
  ) {}

  run(): Problem[] {
    this.checkSignature();
    this.checkGraph();
    this.analysis = analyzeFlow(this.doc, this.catalogue);
    this.checkDeclarations();
    this.checkLoops();
    this.checkTermination();
    for (const node of this.doc.nodes) {
      const definition = this.definitionOf(node);
      if (definition) this.checkNode(node, definition);
      else this.add({ severity: 'error', code: 'unknown-kind', nodeId: node.id, message: `Unknown activity "${node.kind}"; is its connector installed?` });
    }
    return this.problems;
  }

  /** How a node is named in messages: its caption, else its activity's label. */
  private nameOf(nodeId: string): string {
    const node = this.byId.get(nodeId);
    return node ? label(node, this.definitionOf(node)) : `"${nodeId}"`;
  }

  private definitionOf(node: FlowNode): ActivityDefinition | undefined {
    return this.catalogue.activities.get(node.kind);
  }

  private add(problem: Problem): void {
    this.problems.push(problem);
  }

  private checkSignature(): void {
    for (const problem of parameterNameProblems(this.doc)) this.add(problem);
    const seen = new Set<string>();
    this.doc.parameters.forEach((p, i) => {
      const typeProblem = checkTypeName(p.type, this.catalogue);
      if (typeProblem) this.add({ severity: 'error', code: 'unknown-type', field: `parameters[${i}].type`, message: `Parameter ${p.name}: ${typeProblem}` });
      if (seen.has(p.name)) this.add({ severity: 'error', code: 'duplicate-variable', field: `parameters[${i}].name`, message: `Two parameters are named ${p.name}; rename one.` });
      seen.add(p.name);
    });
    if (this.doc.returnType !== undefined && this.doc.returnType !== '') {
      const typeProblem = checkTypeName(this.doc.returnType, this.catalogue);
      if (typeProblem) this.add({ severity: 'error', code: 'unknown-type', field: 'returnType', message: `Return type: ${typeProblem}` });
    }
  }

  private checkGraph(): void {
    const { doc } = this;
    for (const node of doc.nodes) {
      if (this.byId.has(node.id)) this.add({ severity: 'error', code: 'duplicate-node-id', nodeId: node.id, message: `Two nodes share the id "${node.id}".` });
      this.byId.set(node.id, node);
    }
    const starts = doc.nodes.filter((n) => this.definitionOf(n)?.role === 'start');
    if (starts.length === 0) this.add({ severity: 'error', code: 'missing-start', message: 'The flow has no Start; add one from the palette.' });
    for (const s of starts.slice(1)) this.add({ severity: 'error', code: 'multiple-starts', nodeId: s.id, message: 'A flow has exactly one Start; remove this one.' });
    const ends = doc.nodes.filter((n) => this.definitionOf(n)?.role === 'end');
    if (ends.length === 0) this.add({ severity: 'error', code: 'missing-end', message: 'The flow has no End; add one and connect the last activity to it.' });

    const edgeIds = new Set<string>();
    const usedPorts = new Set<string>();
    for (const edge of doc.edges) {
      if (edgeIds.has(edge.id)) this.add({ severity: 'error', code: 'duplicate-edge-id', edgeId: edge.id, message: `Two edges share the id "${edge.id}".` });
      edgeIds.add(edge.id);
      const source = this.byId.get(edge.source);
      const target = this.byId.get(edge.target);
      if (!source) {
        this.add({ severity: 'error', code: 'dangling-edge', edgeId: edge.id, message: `Edge "${edge.id}" starts at a node that does not exist ("${edge.source}").` });
        continue;
      }
      if (!target) {
        this.add({ severity: 'error', code: 'dangling-edge', edgeId: edge.id, nodeId: source.id, message: `Edge "${edge.id}" points to a node that does not exist ("${edge.target}").` });
        continue;
      }
      const definition = this.definitionOf(source);
      if (definition) {
        const ports = portsOf(definition, source.config, this.catalogue).map((p) => p.id);
        const allowsError = !['start', 'end', 'error-end', 'break', 'continue', 'merge'].includes(definition.role ?? 'activity');
        if (!ports.includes(edge.sourcePort) && !(allowsError && edge.sourcePort === 'error')) {
          this.add({
            severity: 'error',
            code: 'unknown-port',
            edgeId: edge.id,
            nodeId: source.id,
            message: `${label(source, definition)} has no outgoing port "${edge.sourcePort}"${ports.length ? `; use one of ${ports.join(', ')}` : ''}.`,
          });
        }
      }
      if (this.definitionOf(target)?.role === 'start') this.add({ severity: 'error', code: 'edge-into-start', edgeId: edge.id, nodeId: target.id, message: 'Nothing may flow into the Start.' });
      const portKey = `${edge.source}\u0000${edge.sourcePort}`;
      if (usedPorts.has(portKey)) {
        this.add({ severity: 'error', code: 'duplicate-port-edge', edgeId: edge.id, nodeId: source.id, message: `Port "${edge.sourcePort}" of ${label(source, definition)} already has an outgoing edge; remove one.` });
      }
      usedPorts.add(portKey);
      const list = this.outgoing.get(edge.source) ?? [];
      list.push(edge);
      this.outgoing.set(edge.source, list);
    }
  }

  private checkDeclarations(): void {
    const seen = new Map<string, string>();
    for (const d of this.analysis.declarations) {
      if (d.origin === 'error' || d.origin === 'parameter') {
        if (d.origin === 'parameter') seen.set(d.name, 'a parameter');
        if (d.origin === 'parameter' && RESERVED.has(d.name)) {
          this.add({ severity: 'error', code: 'reserved-name', field: 'parameters', message: `Parameter name ${d.name} is reserved (a JSONata function or $latestError); rename it.` });
        }
        continue;
      }
      const node = this.byId.get(d.nodeId ?? '');
      const definition = node ? this.definitionOf(node) : undefined;
      const field = d.origin === 'iterator' ? 'iterator' : definition?.output?.variableField;
      if (!VARIABLE_NAME.test(d.name)) {
        this.add({ severity: 'error', code: 'invalid-variable-name', nodeId: d.nodeId, field, message: `"${d.name}" is not a variable name: use letters, digits and "_", starting with a letter.` });
      } else if (RESERVED.has(d.name)) {
        this.add({ severity: 'error', code: 'reserved-name', nodeId: d.nodeId, field, message: `${d.name} is reserved (a JSONata function or $latestError); choose another name.` });
      }
      const previous = seen.get(d.name);
      if (previous) {
        this.add({ severity: 'error', code: 'duplicate-variable', nodeId: d.nodeId, field, message: `A variable named ${d.name} is already defined by ${previous}; variable names are unique in a flow.` });
      } else {
        seen.set(d.name, node ? label(node, definition) : 'another activity');
      }
    }
  }

  private checkLoops(): void {
    const { loopBodies, innermostLoop } = this.analysis;
    for (const [loopId, body] of loopBodies) {
      const loop = this.byId.get(loopId)!;
      const definition = this.definitionOf(loop);
      const done = (this.outgoing.get(loopId) ?? []).find((e) => e.sourcePort === LOOP_DONE)?.target;
      const after = collect(done, loopId, this.outgoing);
      for (const id of body) {
        if (after.has(id)) {
          this.add({ severity: 'error', code: 'loop-body-escapes', nodeId: id, message: `${this.nameOf(id)} is both inside the body of ${label(loop, definition)} and after it; end the body by flowing back into the loop, or use Break.` });
        }
      }
      for (const [otherId, other] of loopBodies) {
        if (otherId <= loopId) continue;
        const overlap = [...body].some((id) => other.has(id));
        if (overlap && !body.has(otherId) && !other.has(loopId)) {
          this.add({ severity: 'error', code: 'loop-bodies-overlap', nodeId: otherId, message: `The bodies of ${label(loop, definition)} and ${this.nameOf(otherId)} share activities; nest one loop inside the other instead.` });
        }
      }
    }
    for (const node of this.doc.nodes) {
      const role = this.definitionOf(node)?.role;
      if ((role === 'break' || role === 'continue') && this.analysis.reachable.has(node.id) && !innermostLoop.has(node.id)) {
        this.add({ severity: 'error', code: 'outside-loop', nodeId: node.id, message: `${label(node, this.definitionOf(node))} is only allowed inside a loop body.` });
      }
    }
  }

  /** Every reachable node must have some way to an End or Error End; a closed cycle can only hit the step limit. */
  private checkTermination(): void {
    const incoming = new Map<string, string[]>();
    const link = (from: string, to: string | undefined): void => {
      if (to === undefined) return;
      const list = incoming.get(to) ?? [];
      list.push(from);
      incoming.set(to, list);
    };
    for (const edge of this.doc.edges) if (this.byId.has(edge.source)) link(edge.source, edge.target);
    const finishing: string[] = [];
    for (const node of this.doc.nodes) {
      const role = this.definitionOf(node)?.role;
      if (role === 'end' || role === 'error-end') finishing.push(node.id);
      const loop = this.analysis.innermostLoop.get(node.id);
      if (loop && role === 'break') link(node.id, (this.outgoing.get(loop) ?? []).find((e) => e.sourcePort === LOOP_DONE)?.target);
      if (loop && role === 'continue') link(node.id, loop);
    }
    const canFinish = new Set<string>();
    const stack = [...finishing];
    while (stack.length) {
      const id = stack.pop()!;
      if (canFinish.has(id)) continue;
      canFinish.add(id);
      for (const from of incoming.get(id) ?? []) stack.push(from);
    }
    for (const node of this.doc.nodes) {
      const definition = this.definitionOf(node);
      if (!definition || canFinish.has(node.id) || !this.analysis.reachable.has(node.id)) continue;
      if (!(this.outgoing.get(node.id) ?? []).some((e) => e.sourcePort !== 'error') && !['break', 'continue'].includes(definition.role ?? '')) continue; // reported as no-outgoing
      this.add({ severity: 'error', code: 'no-path-to-end', nodeId: node.id, message: `${label(node, definition)} has no path to an End: the flow can only loop here until it hits the step limit; add a way out.` });
    }
  }

  private checkNode(node: FlowNode, definition: ActivityDefinition): void {
    const { analysis } = this;
    if (analysis.reachable.size > 0 && !analysis.reachable.has(node.id)) {
      this.add({ severity: 'error', code: 'unreachable', nodeId: node.id, message: `${label(node, definition)} cannot be reached from the Start; connect it or remove it.` });
    }
    const exits = this.outgoing.get(node.id) ?? [];
    const terminal = ['end', 'error-end', 'break', 'continue'].includes(definition.role ?? '');
    if (!terminal && !exits.some((e) => e.sourcePort !== 'error')) {
      this.add({ severity: 'error', code: 'no-outgoing', nodeId: node.id, message: `${label(node, definition)} has no outgoing flow; connect it to the next activity or an End.` });
    } else if (definition.role === 'decision' || definition.role === 'loop') {
      for (const port of portsOf(definition, node.config, this.catalogue)) {
        if (exits.some((e) => e.sourcePort === port.id)) continue;
        const optional = port.id === EMPTY_OUTCOME;
        this.add({
          severity: optional ? 'warning' : 'error',
          code: definition.role === 'loop' ? 'loop-port-missing' : 'decision-uncovered',
          nodeId: node.id,
          message:
            definition.role === 'loop'
              ? `${label(node, definition)} has no "${port.id}" flow; connect ${port.id === LOOP_BODY ? 'the first activity of the loop body' : 'what comes after the loop'}.`
              : `${label(node, definition)} has no path for outcome "${port.label ?? port.id}"${optional ? '; the run fails if the value is empty' : ''}.`,
        });
      }
    }
    const scope = analysis.inScope.get(node.id) ?? NO_VARIABLES;
    for (const field of definition.fields) this.checkField(node, definition, field, scope);
    this.checkRoleRules(node, definition, scope);
    if (definition.validate) {
      try {
        for (const issue of definition.validate(node, this.catalogue)) this.add({ ...issue, nodeId: node.id });
      } catch (error) {
        // A connector's own check failing must not hide every other problem of the flow.
        this.add({ severity: 'error', code: 'internal', nodeId: node.id, message: `${label(node, definition)}: its activity check failed unexpectedly: ${(error as Error).message}` });
      }
    }
  }

  private checkRoleRules(node: FlowNode, definition: ActivityDefinition, scope: VariableScope): void {
    const role = definition.role;
    if (role === 'end') {
      const value = node.config.returnValue;
      const hasValue = typeof value === 'string' && value.trim() !== '';
      const returnType = this.doc.returnType;
      if (returnType && !hasValue) {
        this.add({ severity: 'error', code: 'missing-return-value', nodeId: node.id, field: 'returnValue', message: `The flow returns ${returnType}; give this End a return value.` });
      } else if (!returnType && hasValue) {
        this.add({ severity: 'warning', code: 'unused-return-value', nodeId: node.id, field: 'returnValue', message: 'The flow has no return type, so this return value is ignored; set a return type or clear it.' });
      } else if (returnType && hasValue) {
        this.checkExpressionType(node, definition, 'returnValue', value, returnType, scope);
      }
    }
    if (definition.kind === 'core.CreateVariable') {
      const type = node.config.type;
      if (typeof type === 'string' && type !== '') {
        const typeProblem = checkTypeName(type, this.catalogue);
        if (typeProblem) this.add({ severity: 'error', code: 'unknown-type', nodeId: node.id, field: 'type', message: typeProblem });
        else if (typeof node.config.value === 'string' && node.config.value.trim() !== '') this.checkExpressionType(node, definition, 'value', node.config.value, type, scope);
      }
    }
    if (definition.output?.assigns) {
      const variable = outputNameOf(node, definition);
      const type = variable ? this.analysis.types.get(variable) : undefined;
      const valueField = definition.fields.find((f) => f.widget === 'expression');
      const value = valueField ? node.config[valueField.name] : undefined;
      if (type && valueField && typeof value === 'string' && value.trim() !== '') this.checkExpressionType(node, definition, valueField.name, value, type, scope);
    }
    if (role === 'decision') {
      const condition = node.config.condition;
      const enumeration = node.config.enumeration;
      const expected = typeof enumeration === 'string' && enumeration !== '' ? `Enum<${enumeration}>` : 'Boolean';
      if (typeof condition === 'string' && condition.trim() !== '') {
        const actual = this.typeOf(condition, scope);
        if (actual && !isAssignableName(actual, expected) && !(expected !== 'Boolean' && actual === 'String')) {
          this.add({ severity: 'error', code: 'type-mismatch', nodeId: node.id, field: 'condition', message: `${label(node, definition)}: the condition must be ${expected === 'Boolean' ? 'true or false' : `a value of ${enumeration}`}, but it is ${actual}.` });
        }
      }
    }
    if (role === 'loop') {
      const list = node.config.list;
      if (typeof list === 'string' && list.trim() !== '') {
        const actual = this.typeOf(list, scope);
        const parsed = actual ? parseType(actual) : undefined;
        if (parsed?.ok && parsed.type.kind !== 'list' && !(parsed.type.kind === 'primitive' && parsed.type.name === 'JSON')) {
          this.add({ severity: 'error', code: 'type-mismatch', nodeId: node.id, field: 'list', message: `${label(node, definition)}: the list to loop over is ${actual}, not a List.` });
        }
      }
    }
    if (role === 'call-flow') this.checkCallFlow(node, definition, scope);
  }

  private checkCallFlow(node: FlowNode, definition: ActivityDefinition, scope: VariableScope): void {
    const name = node.config.flow;
    const flows = this.catalogue.flows;
    if (typeof name !== 'string' || name === '' || !flows) return;
    const signature = flows.get(name);
    if (!signature) {
      this.add({ severity: 'error', code: 'unknown-flow', nodeId: node.id, field: 'flow', message: `${label(node, definition)}: there is no flow named "${name}".` });
      return;
    }
    const given = node.config.parameters;
    const map = typeof given === 'object' && given !== null && !Array.isArray(given) ? (given as Record<string, unknown>) : {};
    for (const p of signature.parameters) {
      const value = map[p.name];
      if (typeof value !== 'string' || value.trim() === '') {
        this.add({ severity: 'error', code: 'missing-parameter', nodeId: node.id, field: 'parameters', message: `${label(node, definition)}: flow ${name} needs parameter ${p.name} (${p.type}).` });
      } else {
        this.checkExpressionType(node, definition, 'parameters', value, p.type, scope, `parameter ${p.name}`);
      }
    }
    for (const key of Object.keys(map)) {
      if (!signature.parameters.some((p) => p.name === key)) {
        this.add({ severity: 'error', code: 'unknown-parameter', nodeId: node.id, field: 'parameters', message: `${label(node, definition)}: flow ${name} has no parameter ${key}; remove it.` });
      }
    }
  }

  private checkExpressionType(node: FlowNode, definition: ActivityDefinition, field: string, source: string, expected: string, scope: VariableScope, what?: string): void {
    const actual = this.typeOf(source, scope);
    if (!actual || isAssignableName(actual, expected)) return;
    const enumLiteral = this.enumLiteralFits(source, expected);
    if (enumLiteral) return;
    this.add({
      severity: 'error',
      code: 'type-mismatch',
      nodeId: node.id,
      field,
      message: `${label(node, definition)}: ${what ?? fieldLabel(definition, field)} must be ${expected}, but the expression gives ${actual}.`,
    });
  }

  /** A string literal is accepted where an enumeration is expected when it is one of its values. */
  private enumLiteralFits(source: string, expected: string): boolean {
    const parsed = parseType(expected);
    const ast = this.ast(source);
    if (!parsed.ok || parsed.type.kind !== 'enum' || !ast.ok || ast.ast.type !== 'string') return false;
    const enumeration = this.catalogue.enumerations.get(parsed.type.name);
    return enumeration?.values.some((v) => v.value === ast.ast.value) ?? false;
  }

  private typeOf(source: string, scope: VariableScope): string | undefined {
    const parsed = this.ast(source);
    if (!parsed.ok) return undefined;
    return inferType(parsed.ast, (name) => (scope.has(name) ? this.analysis.types.get(name) : undefined), this.catalogue);
  }

  private ast(source: string): ReturnType<typeof parseExpression> {
    let parsed = this.asts.get(source);
    if (!parsed) {
      parsed = parseExpression(source);
      this.asts.set(source, parsed);
    }
    return parsed;
  }

  private checkField(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, scope: VariableScope): void {
    const value = node.config[field.name];
    const empty = value === undefined || value === null || value === '';
    if (empty) {
      if (field.required) this.add({ severity: 'error', code: 'required', nodeId: node.id, field: field.name, message: `${label(node, definition)}: ${field.label} is required.` });
      return;
    }
    const error = (code: string, message: string) => this.add({ severity: 'error', code, nodeId: node.id, field: field.name, message });
    FIELD_KINDS[field.widget].validate(value, {
      node,
      definition,
      field,
      catalogue: this.catalogue,
      scope,
      variableTypes: this.analysis.types,
      nodeLabel: label(node, definition),
      error,
      wrongType: (expected) => this.wrongType(node, definition, field, expected),
      checkExpression: (e) => this.checkExpression(node, definition, e.column ?? field, e.source, e.offset, scope, field.name),
      checkExpressionType: (source, expected, what) => this.checkExpressionType(node, definition, field.name, source, expected, scope, what),
    });
  }

  /** Syntax, variables in scope and constant use of one expression. */
  private checkExpression(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, expression: string, offset: number, scope: VariableScope, fieldName = field.name): void {
    const parsed = this.ast(expression);
    if (!parsed.ok) {
      this.add({
        severity: 'error',
        code: 'expression-syntax',
        nodeId: node.id,
        field: fieldName,
        message: `${label(node, definition)}: ${field.label} has an invalid expression at position ${offset + parsed.position}: ${parsed.message}`,
      });
      return;
    }
    for (const ref of referencedVariables(parsed.ast)) {
      if (!this.analysis.types.has(ref.name)) {
        this.add({ severity: 'error', code: 'unknown-variable', nodeId: node.id, field: fieldName, message: `${label(node, definition)}: ${field.label} uses $${ref.name} (position ${offset + ref.position}), but no variable has that name.` });
      } else if (!scope.has(ref.name)) {
        const hint = ref.name === LATEST_ERROR ? ' $latestError exists only on error paths.' : ' Define it before this activity on every path, or move this activity.';
        this.add({ severity: 'error', code: 'variable-not-in-scope', nodeId: node.id, field: fieldName, message: `${label(node, definition)}: ${field.label} uses $${ref.name}, which is not defined on every path to this activity.${hint}` });
      }
    }
    this.checkConstants(node, definition, field, parsed.ast, fieldName);
  }

  private checkConstants(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, ast: ExpressionNode, fieldName: string): void {
    const used = referencedConstants(ast);
    if (used.dynamic) {
      this.add({ severity: 'error', code: 'dynamic-constant', nodeId: node.id, field: fieldName, message: `${label(node, definition)}: ${field.label}: $constant takes one quoted constant name, e.g. $constant('Orders.ApiUrl').` });
    }
    for (const name of used.names) {
      const constant = this.catalogue.constants?.get(name);
      if (constant?.secret) {
        this.add({ severity: 'error', code: 'secret-constant-in-expression', nodeId: node.id, field: fieldName, message: `${label(node, definition)}: constant ${name} is secret and cannot be used in an expression; use a field that takes a constant.` });
      } else if (this.catalogue.constants && !constant) {
        this.add({ severity: 'error', code: 'unknown-constant', nodeId: node.id, field: fieldName, message: `${label(node, definition)}: there is no constant ${name}.` });
      }
    }
  }

  private wrongType(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, expected: string): void {
    this.add({ severity: 'error', code: 'invalid-config', nodeId: node.id, field: field.name, message: `${label(node, definition)}: ${field.label} must be ${expected}.` });
  }
}

/** Parses one JSONata expression and reports a syntax error with its position (`offset` locates it in a template). */
export function expressionProblems(node: FlowNode, definition: ActivityDefinition, field: FieldDefinition, expression: string, offset: number): Problem[] {
  const error = expressionSyntaxError(expression);
  if (!error) return [];
  return [
    {
      severity: 'error',
      code: 'expression-syntax',
      nodeId: node.id,
      field: field.name,
      message: `${label(node, definition)}: ${field.label} has an invalid expression at position ${offset + error.position}: ${error.message}`,
    },
  ];
}

/** The JSONata syntax error of `expression`, or null when it parses. */
export function expressionSyntaxError(expression: string): { position: number; message: string } | null {
  const parsed = parseExpression(expression);
  return parsed.ok ? null : { position: parsed.position, message: parsed.message };
}

function fieldLabel(definition: ActivityDefinition, field: string): string {
  return definition.fields.find((f) => f.name === field)?.label ?? field;
}

function label(node: FlowNode, definition: ActivityDefinition | undefined): string {
  return `"${node.label ?? definition?.label ?? node.kind}"`;
}
