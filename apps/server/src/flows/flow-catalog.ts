/**
 * The workspace's flows as the server uses them: validated against the engine's catalogue (with the
 * workspace's flow signatures and constants), compiled once per version, listed with their signatures.
 */
import { createHash } from 'node:crypto';
import { duplicateBindingProblems, eventBindings, parseDocument, validate, type Catalogue, type FlowDocument, type FlowSignature, type Problem } from '@flowbridge/flow-model';
import { compile, type CompiledFlow, type CompileResult, type Engine } from '@flowbridge/runtime';
import type { ConstantsStore } from '../workspace/constants-store.js';
import type { FlowStore, StoredFlow } from '../workspace/flow-store.js';

/** A flow as the explorer lists it. */
export interface FlowSummary {
  name: string;
  description?: string;
  parameters: Array<{ name: string; type: string }>;
  returnType?: string;
  problemCount: number;
}

/** One flow file with its problems (validated against the whole workspace). */
export interface LoadedFlow {
  name: string;
  etag: string;
  /** The document after migration to the current format; undefined when the file is not a flow. */
  document?: FlowDocument;
  /** The raw JSON of the file (what the editor gets when it is not a flow). */
  json: unknown;
  problems: Problem[];
}

/** A view of every flow at one moment: Call Flow resolves other flows through it, synchronously. */
export interface FlowSnapshot {
  engine: Engine;
  /** The names of every flow file in the snapshot. */
  names(): string[];
  get(name: string): LoadedFlow | undefined;
  /** The compiled flow, or undefined when it does not exist or has errors. */
  compiled(name: string): CompiledFlow | undefined;
  compile(name: string): CompileResult | undefined;
}

interface CacheEntry {
  etag: string;
  json: unknown;
  parseError?: string;
  document?: FlowDocument;
  structureProblems: Problem[];
  /** Validation and compilation depend on the other flows' signatures and the constants: keyed by them. */
  contextKey?: string;
  problems?: Problem[];
  compiled?: CompileResult;
}

/** Keeps parsed, validated and compiled flows in memory, refreshed from disk by version tag. */
export class FlowCatalog {
  private readonly cache = new Map<string, CacheEntry>();
  private recent?: { snapshot: Promise<FlowSnapshot>; at: number; storeVersion: number; constantsVersion: number };

  /**
   * @param maxAgeMs how long a snapshot is reused when nothing changed through the server; files
   *   edited behind its back (a `git pull`) are picked up after at most this long.
   */
  constructor(
    readonly store: FlowStore,
    private readonly baseEngine: Engine,
    private readonly constants: ConstantsStore,
    private readonly maxAgeMs = 1_000,
  ) {}

  /** Every flow with its signature and problem count, sorted by name. */
  async summaries(): Promise<FlowSummary[]> {
    const snapshot = await this.snapshot();
    return (await this.store.list()).flatMap((name) => {
      const flow = snapshot.get(name);
      if (!flow) return [];
      const document = flow.document;
      return [
        {
          name,
          ...(document?.description ? { description: document.description } : {}),
          parameters: (document?.parameters ?? []).map((p) => ({ name: p.name, type: p.type })),
          ...(document?.returnType ? { returnType: document.returnType } : {}),
          problemCount: flow.problems.length,
        },
      ];
    });
  }

  /**
   * Flow files that could not be loaded as flows (not JSON, not a flow document, past the document
   * limits), with the first reason: they are skipped, listed with their problems, and reported here
   * for start-up logs and `/readyz`.
   */
  async loadErrors(): Promise<Array<{ flow: string; message: string }>> {
    await this.snapshot({ reuse: true });
    return [...this.cache]
      .filter(([, entry]) => !entry.document)
      .map(([flow, entry]) => ({ flow, message: entry.structureProblems[0]?.message ?? entry.parseError ?? 'not a flow document' }))
      .sort((a, b) => a.flow.localeCompare(b.flow));
  }

  /** One flow with its problems, or undefined when there is no such file. */
  async get(name: string): Promise<LoadedFlow | undefined> {
    return (await this.snapshot()).get(name);
  }

  /** Problems of a document that is about to be saved as `name` (checked against the other flows). */
  async problemsOf(name: string, document: FlowDocument): Promise<Problem[]> {
    const snapshot = await this.snapshot();
    const signatures = new Map(snapshot.engine.catalogue.flows ?? []);
    signatures.set(name, signatureOf(document));
    const catalogue = { ...snapshot.engine.catalogue, flows: signatures };
    const others = snapshot.names().filter((n) => n !== name).flatMap((n) => {
      const other = snapshot.get(n)?.document;
      return other ? eventBindings(other, catalogue) : [];
    });
    const crossFlow = duplicateBindingProblems([...others, ...eventBindings(document, catalogue)]).filter(([flow]) => flow === name).map(([, problem]) => problem);
    return [...validate(document, catalogue), ...crossFlow];
  }

  /**
   * A consistent view of every flow. With `reuse`, a recent one is returned when nothing changed
   * through the server (so a busy dispatcher does not reread the folder per event); without, the
   * folder is read again (what a person looking at the editor expects).
   */
  snapshot(options: { reuse?: boolean } = {}): Promise<FlowSnapshot> {
    const now = Date.now();
    const recent = this.recent;
    if (options.reuse && recent && now - recent.at < this.maxAgeMs && recent.storeVersion === this.store.version && recent.constantsVersion === this.constants.version) {
      return recent.snapshot;
    }
    const snapshot = this.load();
    this.recent = { snapshot, at: now, storeVersion: this.store.version, constantsVersion: this.constants.version };
    snapshot.catch(() => {
      if (this.recent?.snapshot === snapshot) this.recent = undefined;
    });
    return snapshot;
  }

  /** Reads every flow file (reusing what has not changed) and builds a snapshot. */
  private async load(): Promise<FlowSnapshot> {
    const names = await this.store.list();
    const seen = new Set<string>();
    for (const name of names) {
      const stored = await this.store.read(name).catch(() => undefined);
      if (!stored) continue;
      seen.add(name);
      const cached = this.cache.get(name);
      if (cached?.etag !== stored.etag) this.cache.set(name, parseStored(stored));
    }
    for (const name of [...this.cache.keys()]) if (!seen.has(name)) this.cache.delete(name);

    const signatures = new Map<string, FlowSignature>();
    for (const [name, entry] of this.cache) if (entry.document) signatures.set(name, signatureOf(entry.document));
    const constants = new Map(this.constants.definitions().map((c) => [c.name, c]));
    const catalogue: Catalogue = { ...this.baseEngine.catalogue, flows: signatures, constants };
    const engine: Engine = { ...this.baseEngine, catalogue };
    // Problems only the whole workspace shows (two bindings of one event type), per flow.
    const workspaceProblems = new Map<string, Problem[]>();
    const bindings = [...this.cache.values()].flatMap((entry) => (entry.document ? eventBindings(entry.document, catalogue) : []));
    for (const [flow, problem] of duplicateBindingProblems(bindings)) workspaceProblems.set(flow, [...(workspaceProblems.get(flow) ?? []), problem]);
    const contextKey = createHash('sha256').update(JSON.stringify([[...signatures], [...constants], [...workspaceProblems]])).digest('base64url');

    const entries = new Map(this.cache);
    const prepare = (entry: CacheEntry): CacheEntry => {
      if (entry.contextKey !== contextKey) {
        entry.contextKey = contextKey;
        entry.problems = [...entry.structureProblems, ...(entry.document ? validate(entry.document, catalogue) : []), ...(entry.document ? (workspaceProblems.get(entry.document.name) ?? []) : [])];
        delete entry.compiled;
      }
      return entry;
    };
    const compileEntry = (name: string): CompileResult | undefined => {
      const entry = entries.get(name);
      if (!entry) return undefined;
      prepare(entry);
      if (!entry.document || entry.structureProblems.length > 0) return { ok: false, problems: entry.problems ?? entry.structureProblems };
      entry.compiled ??= compile(entry.document, engine);
      return entry.compiled;
    };
    return {
      engine,
      names: () => [...entries.keys()],
      get: (name) => {
        const entry = entries.get(name);
        if (!entry) return undefined;
        prepare(entry);
        return {
          name,
          etag: entry.etag,
          json: entry.json,
          ...(entry.document ? { document: entry.document } : {}),
          problems: entry.problems ?? [],
        };
      },
      compile: compileEntry,
      compiled: (name) => {
        const result = compileEntry(name);
        return result?.ok ? result.flow : undefined;
      },
    };
  }
}

/** The signature Call Flow activities and callback bindings check against. */
export function signatureOf(document: FlowDocument): FlowSignature {
  return {
    name: document.name,
    parameters: document.parameters.map((p) => ({ name: p.name, type: p.type })),
    ...(document.returnType ? { returnType: document.returnType } : {}),
  };
}

function parseStored(stored: StoredFlow): CacheEntry {
  if (stored.parseError !== undefined) {
    return { etag: stored.etag, json: undefined, parseError: stored.parseError, structureProblems: [{ severity: 'error', code: 'invalid-json', message: stored.parseError }] };
  }
  const parsed = parseDocument(stored.json);
  if (!parsed.ok) return { etag: stored.etag, json: stored.json, structureProblems: parsed.problems };
  if (parsed.document.name !== stored.name) {
    const problem: Problem = {
      severity: 'error',
      code: 'name-mismatch',
      field: 'name',
      message: `The file flows/${stored.name}.json holds a flow named "${parsed.document.name}"; rename the file or the flow so they agree.`,
    };
    return { etag: stored.etag, json: stored.json, document: parsed.document, structureProblems: [problem] };
  }
  return { etag: stored.etag, json: stored.json, document: parsed.document, structureProblems: [] };
}
