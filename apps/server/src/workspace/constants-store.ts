/**
 * Constants (`Module.Name`): declared with non-secret values in `constants.json`, secret values in the
 * git-ignored `secrets.json`, and every one overridable by `FLOWBRIDGE_<MODULE>_<NAME>`.
 *
 * `constants.json`: `{ "EventBridge.Region": { "value": "eu-west-1" }, "EventBridge.APIKey": { "secret": true } }`
 * (fields: `value`, `secret`, `type`, `description`). `secrets.json`: `{ "EventBridge.APIKey": "..." }`.
 * A secret's value never lives in `constants.json` (it would end up in git): start-up refuses that.
 *
 * A secret constant may declare a `localDefault`: a public, local-only value (e.g. the embedded local
 * AWS's `test` key) used only while the server is fully local (embedded local AWS, loopback bind), so
 * a fresh clone works out of the box. Once the server talks to real AWS or listens beyond loopback,
 * local defaults are ignored and the real value must come from `secrets.json` or the environment.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { collectStrings, type ConstantDefinition } from '@flowbridge/flow-model';
import { ConfigError } from '../config/config-error.js';
import { CONSTANT_NAME } from '../config/settings.js';
import { KeyedQueue, writeFileAtomic } from './atomic-file.js';
import type { FileChange } from './file-transaction.js';

export type ConstantSource = 'constants.json' | 'secrets.json' | 'env' | 'local-default';

/** A constant as the API lists it; `value` only for non-secret constants that are set. */
export interface ConstantInfo {
  name: string;
  secret: boolean;
  set: boolean;
  value?: unknown;
  source: ConstantSource;
  /** The environment variable that overrides it. */
  envVar: string;
  type?: string;
  description?: string;
}

interface Declaration {
  value?: unknown;
  secret?: boolean;
  localDefault?: unknown;
  type?: string;
  description?: string;
}

/** A constant name that is not `Module.Name`. */
export class InvalidConstantNameError extends Error {
  override name = 'InvalidConstantNameError';
}

/** A change that would reveal a secret value (turning a constant non-secret while its value comes from the environment). */
export class SecretExposureError extends Error {
  override name = 'SecretExposureError';
}

/** The environment variable overriding constant `name`, e.g. `EventBridge.APIKey` → `FLOWBRIDGE_EVENTBRIDGE_APIKEY`. */
export function constantEnvVar(name: string): string {
  return `FLOWBRIDGE_${name.replace('.', '_').toUpperCase()}`;
}

/** Returns a message when `name` is not a valid constant name, else null. */
export function checkConstantName(name: string): string | null {
  return CONSTANT_NAME.test(name) ? null : `Constant name "${name.slice(0, 140)}" is not valid: use Module.Name with letters, digits and "_" (e.g. EventBridge.APIKey).`;
}

/** Reads and edits the workspace's constants; keeps them in memory between edits. */
export class ConstantsStore {
  private declarations = new Map<string, Declaration>();
  private secrets = new Map<string, unknown>();
  private readonly queue = new KeyedQueue();
  private changes = 0;
  readonly constantsFile: string;
  readonly secretsFile: string;

  /**
   * @param useLocalDefaults whether secret constants may fall back to their declared `localDefault`
   *   (only while the server is fully local: embedded local AWS and a loopback bind).
   */
  constructor(
    workspaceDir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly useLocalDefaults = false,
  ) {
    this.constantsFile = join(workspaceDir, 'constants.json');
    this.secretsFile = join(workspaceDir, 'secrets.json');
  }

  /** Reads both files; throws `ConfigError` naming the file and constant for anything malformed. */
  async load(): Promise<void> {
    const declared = await readJsonObject(this.constantsFile);
    const declarations = new Map<string, Declaration>();
    for (const [name, raw] of Object.entries(declared)) {
      if (checkConstantName(name)) throw new ConfigError(this.constantsFile, name, 'is not a constant name; use Module.Name, e.g. EventBridge.Region');
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new ConfigError(this.constantsFile, name, 'must be an object such as { "value": "eu-west-1" } or { "secret": true }');
      }
      const entry = raw as Record<string, unknown>;
      for (const key of Object.keys(entry)) {
        if (!['value', 'secret', 'type', 'description', 'localDefault'].includes(key)) {
          throw new ConfigError(this.constantsFile, `${name}.${key}`, 'unknown field; known fields are value, secret, localDefault, type, description');
        }
      }
      if (entry.secret !== undefined && typeof entry.secret !== 'boolean') throw new ConfigError(this.constantsFile, `${name}.secret`, 'must be true or false');
      if (entry.secret === true && entry.value !== undefined) {
        throw new ConfigError(this.constantsFile, `${name}.value`, `a secret constant's value must not be in constants.json (it is committed to git); move it to secrets.json or ${constantEnvVar(name)}`);
      }
      if (entry.localDefault !== undefined && entry.secret !== true) {
        throw new ConfigError(this.constantsFile, `${name}.localDefault`, 'only a secret constant has a local default; a non-secret constant uses "value"');
      }
      for (const key of ['type', 'description'] as const) {
        if (entry[key] !== undefined && typeof entry[key] !== 'string') throw new ConfigError(this.constantsFile, `${name}.${key}`, 'must be text');
      }
      declarations.set(name, entry as Declaration);
    }
    const secretValues = await readJsonObject(this.secretsFile);
    const secrets = new Map<string, unknown>();
    for (const [name, value] of Object.entries(secretValues)) {
      if (checkConstantName(name)) throw new ConfigError(this.secretsFile, name, 'is not a constant name; use Module.Name, e.g. EventBridge.APIKey');
      const declaration = declarations.get(name);
      if (declaration && declaration.secret !== true) {
        throw new ConfigError(this.secretsFile, name, `is declared in constants.json without "secret": true; mark it secret there or remove it from secrets.json`);
      }
      secrets.set(name, value);
    }
    this.declarations = declarations;
    this.secrets = secrets;
    this.changes++;
  }

  /** Grows with every change, so caches of what depends on the constants know when to refresh. */
  get version(): number {
    return this.changes;
  }

  /** Every constant, sorted by name; secret values are never included. */
  list(): ConstantInfo[] {
    return this.names().map((name) => this.info(name)!);
  }

  /** One constant's public description, or undefined when it is not declared. */
  info(name: string): ConstantInfo | undefined {
    const declaration = this.declarations.get(name);
    const secret = this.isSecret(name);
    if (!declaration && !secret) return undefined;
    const resolved = this.resolve(name);
    const envVar = constantEnvVar(name);
    const source: ConstantSource =
      this.env[envVar] !== undefined ? 'env' : secret && !this.secrets.has(name) && this.localDefaultOf(name) !== undefined ? 'local-default' : secret ? 'secrets.json' : 'constants.json';
    return {
      name,
      secret,
      set: resolved !== undefined,
      ...(!secret && resolved !== undefined ? { value: resolved.value } : {}),
      source,
      envVar,
      ...(declaration?.type ? { type: declaration.type } : {}),
      ...(declaration?.description ? { description: declaration.description } : {}),
    };
  }

  /** The value of a constant and whether it is secret; undefined when unknown or unset. */
  resolve(name: string): { value: unknown; secret: boolean } | undefined {
    const secret = this.isSecret(name);
    const declaration = this.declarations.get(name);
    if (!declaration && !secret) return undefined;
    const fromEnv = this.env[constantEnvVar(name)];
    if (fromEnv !== undefined) return { value: fromEnvText(fromEnv, declaration?.type), secret };
    if (secret) {
      if (this.secrets.has(name)) return { value: this.secrets.get(name), secret };
      const localDefault = this.localDefaultOf(name);
      return localDefault !== undefined ? { value: localDefault, secret } : undefined;
    }
    return declaration?.value !== undefined ? { value: declaration.value, secret } : undefined;
  }

  /** Definitions for the flow catalogue (so the editor and `validate` know which names exist). */
  definitions(): ConstantDefinition[] {
    return this.names().map((name) => {
      const declaration = this.declarations.get(name);
      return {
        name,
        secret: this.isSecret(name),
        ...(declaration?.type ? { type: declaration.type } : {}),
        ...(declaration?.description ? { description: declaration.description } : {}),
      };
    });
  }

  /** Every string inside every secret value (3+ characters), for masking logs and traces. */
  secretStrings(): Set<string> {
    const into = new Set<string>();
    for (const name of this.names()) {
      if (!this.isSecret(name)) continue;
      // A local default is public by definition (it is in git); masking "test" everywhere would only garble logs.
      if (this.env[constantEnvVar(name)] === undefined && !this.secrets.has(name)) continue;
      const resolved = this.resolve(name);
      if (resolved) collectStrings(resolved.value, into);
    }
    return into;
  }

  /** Sets a constant; a secret's value goes to `secrets.json` only. */
  async set(name: string, value: unknown, secret: boolean): Promise<ConstantInfo> {
    this.checkName(name);
    return this.queue.run('files', async () => {
      const previous = this.declarations.get(name);
      // The environment's value wins over what is saved, so a non-secret constant would show it: only a
      // constant already declared non-secret may be saved as such while its variable is set.
      const envVar = constantEnvVar(name);
      if (!secret && this.env[envVar] !== undefined && (previous === undefined || this.isSecret(name))) {
        throw new SecretExposureError(
          `Constant "${name}" gets its value from the environment variable ${envVar}, which the API never shows; it can only be saved as secret. ` +
            `To make it a visible constant, unset ${envVar} (or declare it in constants.json without "secret") and restart.`,
        );
      }
      // Type and description stay; value and secrecy are what this call decides.
      const rest: Declaration = {
        ...(previous?.type !== undefined ? { type: previous.type } : {}),
        ...(previous?.description !== undefined ? { description: previous.description } : {}),
        ...(previous?.localDefault !== undefined && secret ? { localDefault: previous.localDefault } : {}),
      };
      const declarations = new Map(this.declarations);
      const secrets = new Map(this.secrets);
      if (secret) {
        declarations.set(name, { ...rest, secret: true });
        secrets.set(name, value);
      } else {
        declarations.set(name, { ...rest, value });
        secrets.delete(name);
      }
      // secrets.json first: a crash in between leaves a secret declared but unset, never a secret in constants.json.
      await this.writeSecrets(secrets);
      await this.writeDeclarations(declarations);
      this.declarations = declarations;
      this.secrets = secrets;
      this.changes++;
      return this.info(name)!;
    });
  }

  /** Removes a constant from both files; false when it was not there. */
  async delete(name: string): Promise<boolean> {
    this.checkName(name);
    return this.queue.run('files', async () => {
      if (!this.declarations.has(name) && !this.secrets.has(name)) return false;
      const declarations = new Map(this.declarations);
      const secrets = new Map(this.secrets);
      declarations.delete(name);
      secrets.delete(name);
      await this.writeDeclarations(declarations);
      await this.writeSecrets(secrets);
      this.declarations = declarations;
      this.secrets = secrets;
      this.changes++;
      return true;
    });
  }

  /**
   * Renames a constant, keeping its declaration and secret value. `commit` gets the constant files'
   * new contents, writes them together with whatever else the rename changes (or not, for a preview),
   * and says whether it did; only then does the store take the new names.
   */
  async rename<T>(from: string, to: string, commit: (files: FileChange[]) => Promise<{ outcome: T; commit: boolean }>): Promise<T | { refused: 'NotFound' | 'Exists'; message: string }> {
    this.checkName(from);
    this.checkName(to);
    return this.queue.run('files', async () => {
      if (!this.declarations.has(from) && !this.secrets.has(from)) return { refused: 'NotFound' as const, message: `There is no constant named "${from}".` };
      if (from === to || this.declarations.has(to) || this.secrets.has(to)) return { refused: 'Exists' as const, message: `A constant named "${to}" already exists; choose another name.` };
      const declarations = renameKey(this.declarations, from, to);
      const secrets = renameKey(this.secrets, from, to);
      const files: FileChange[] = [{ path: this.constantsFile, text: declarationsText(declarations) }];
      if (this.secrets.has(from)) files.push({ path: this.secretsFile, text: secretsText(secrets), mode: 0o600 });
      const result = await commit(files);
      if (result.commit) {
        this.declarations = declarations;
        this.secrets = secrets;
        this.changes++;
      }
      return result.outcome;
    });
  }

  private localDefaultOf(name: string): unknown {
    return this.useLocalDefaults ? this.declarations.get(name)?.localDefault : undefined;
  }

  private isSecret(name: string): boolean {
    return this.declarations.get(name)?.secret === true || (!this.declarations.has(name) && this.secrets.has(name));
  }

  private names(): string[] {
    return [...new Set([...this.declarations.keys(), ...this.secrets.keys()])].sort();
  }

  private checkName(name: string): void {
    const problem = checkConstantName(name);
    if (problem) throw new InvalidConstantNameError(problem);
  }

  private async writeDeclarations(declarations: Map<string, Declaration>): Promise<void> {
    await writeFileAtomic(this.constantsFile, declarationsText(declarations));
  }

  private async writeSecrets(secrets: Map<string, unknown>): Promise<void> {
    await writeFileAtomic(this.secretsFile, secretsText(secrets), 0o600);
  }
}

/** A copy of `map` with entry `from` under `to`, keeping the sort the files use. */
function renameKey<V>(map: Map<string, V>, from: string, to: string): Map<string, V> {
  return new Map([...map].map(([key, value]) => [key === from ? to : key, value]));
}

function declarationsText(declarations: Map<string, Declaration>): string {
  return `${JSON.stringify(Object.fromEntries([...declarations].sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

function secretsText(secrets: Map<string, unknown>): string {
  return `${JSON.stringify(Object.fromEntries([...secrets].sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`;
}

async function readJsonObject(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(file, undefined, `cannot be read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, undefined, `is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(file, undefined, 'must be a JSON object of constant name to entry');
  return value as Record<string, unknown>;
}

/** An environment value is text; for a constant declared with a non-text type, JSON text is parsed. */
function fromEnvText(text: string, type: string | undefined): unknown {
  if (type === undefined || type === 'String') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
