/**
 * `settings.json` as the editor edits it: read with defaults, validated by the same rules as start-up,
 * written atomically in a stable key order (sections and fields in their documented order) so it
 * diffs cleanly in git. After-startup flows and run retention apply at once; the event endpoint,
 * limits and workers at the next start (the answer lists them).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SettingsReferences } from '@flowbridge/flow-model';
import { KeyedQueue } from '../workspace/atomic-file.js';
import { commitFiles, type FileChange } from '../workspace/file-transaction.js';
import { ConfigError } from './config-error.js';
import { DEFAULT_SETTINGS, parseSettings, type WorkspaceSettings } from './settings.js';

/** Sections in the order they are written. */
const SECTION_ORDER = ['$schema', 'afterStartupFlows', 'eventEndpoint', 'runs', 'limits', 'workers', 'debugger'] as const;
/** Sections that take effect only when the server starts. */
const RESTART_SECTIONS = ['eventEndpoint', 'limits', 'workers', 'debugger'] as const;
/** The settings path of each constant the settings name (for the reference index). */
const CONSTANT_PATHS = { 'eventEndpoint.apiKeyConstant': ['eventEndpoint', 'apiKeyConstant'] } as const;

/** Settings the request sent that the rules refuse (answered 422 naming the field). */
export class InvalidSettingsError extends Error {
  override name = 'InvalidSettingsError';
}

/** What a save answers. */
export interface SettingsSaved {
  settings: WorkspaceSettings;
  restartRequired: string[];
}

/** Reads and writes `settings.json`; `live` is the settings object the running server uses. */
export class SettingsStore {
  readonly file: string;
  private readonly queue = new KeyedQueue();
  /** The sections as the server started with them, to tell which changes need a restart. */
  private readonly started: WorkspaceSettings;

  constructor(
    workspaceDir: string,
    readonly live: WorkspaceSettings,
  ) {
    this.file = join(workspaceDir, 'settings.json');
    this.started = structuredClone(live);
  }

  /** The settings on disk with defaults filled in (what the editor shows). */
  async read(): Promise<WorkspaceSettings> {
    return parseSettings(await this.raw(), this.file);
  }

  /** Sections that differ on disk from what the server started with. */
  async pendingRestart(): Promise<string[]> {
    const onDisk = await this.read();
    return RESTART_SECTIONS.filter((s) => JSON.stringify(onDisk[s]) !== JSON.stringify(this.started[s]));
  }

  /** Validates and writes `body` as the whole settings file; refuses (InvalidSettingsError) naming the first wrong field. */
  async save(body: Record<string, unknown>): Promise<SettingsSaved> {
    return this.queue.run('settings', async () => {
      let parsed: WorkspaceSettings;
      try {
        parsed = parseSettings(body, 'settings.json');
      } catch (error) {
        if (error instanceof ConfigError) throw new InvalidSettingsError(error.message);
        throw error;
      }
      await commitFiles([{ path: this.file, text: settingsText(body) }]);
      this.apply(parsed);
      return { settings: parsed, restartRequired: await this.pendingRestart() };
    });
  }

  /** The raw JSON of the file (`{}` when there is none). */
  async raw(): Promise<Record<string, unknown>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(this.file, undefined, 'must be a JSON object');
    return value as Record<string, unknown>;
  }

  /** The flows and constants the settings name, for the reference index and renames. */
  references(raw: Record<string, unknown>): SettingsReferences {
    const flows = Array.isArray(raw.afterStartupFlows) ? raw.afterStartupFlows.filter((f): f is string => typeof f === 'string') : [];
    const constants: Record<string, string> = {};
    for (const [path, [section, field]] of Object.entries(CONSTANT_PATHS)) {
      const holder = raw[section];
      const value = typeof holder === 'object' && holder !== null ? (holder as Record<string, unknown>)[field] : undefined;
      constants[path] = typeof value === 'string' ? value : (DEFAULT_SETTINGS[section][field] as string);
    }
    return { afterStartupFlows: flows, constants };
  }

  /** The file change that writes `references` into the raw settings, for a rename's transaction. */
  changeFor(raw: Record<string, unknown>, references: SettingsReferences): FileChange {
    const next: Record<string, unknown> = { ...raw };
    if (references.afterStartupFlows) next.afterStartupFlows = [...references.afterStartupFlows];
    for (const [path, [section, field]] of Object.entries(CONSTANT_PATHS)) {
      const name = references.constants?.[path];
      if (name === undefined) continue;
      const holder = (typeof next[section] === 'object' && next[section] !== null ? next[section] : {}) as Record<string, unknown>;
      next[section] = { ...holder, [field]: name };
    }
    return { path: this.file, text: settingsText(next) };
  }

  /** Holds the settings file while `task` runs (a rename writes it together with flows). */
  hold<T>(task: () => Promise<T>): Promise<T> {
    return this.queue.run('settings', task);
  }

  /** Makes what applies at once take effect in the running server. */
  apply(settings: WorkspaceSettings): void {
    this.live.afterStartupFlows = [...settings.afterStartupFlows];
    this.live.runs = { ...settings.runs };
  }
}

/** The canonical text of a settings object: documented section and field order, 2-space indent, final newline. */
export function settingsText(raw: Record<string, unknown>): string {
  const ordered: Record<string, unknown> = {};
  const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;
  for (const key of [...SECTION_ORDER, ...Object.keys(raw).sort()]) {
    if (raw[key] === undefined || key in ordered) continue;
    const value = raw[key];
    const template = defaults[key];
    ordered[key] = isRecord(value) && isRecord(template) ? orderLike(value, Object.keys(template)) : value;
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

function orderLike(value: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of [...order, ...Object.keys(value).sort()]) if (value[key] !== undefined && !(key in out)) out[key] = value[key];
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
