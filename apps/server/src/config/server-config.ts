/** The process configuration, read once from environment variables (see the README's table). */
import { isAbsolute, join, resolve } from 'node:path';
import { adminTokenProblem } from './admin-token.js';
import { ConfigError } from './config-error.js';

/** Where the AWS endpoint for connectors comes from. */
export type AwsEndpointMode =
  /** The server starts `@flowbridge/local-aws` on this port and hands connectors its URL. */
  | { kind: 'embedded'; port: number }
  /** `AWS_ENDPOINT_URL*` is set: the AWS SDK reads it itself; nothing is started. */
  | { kind: 'external'; variables: string[] }
  /** `LOCAL_AWS_PORT=off`: nothing is started; the SDK's defaults (real AWS) apply. */
  | { kind: 'off' };

export interface ServerConfig {
  port: number;
  host: string;
  workspaceDir: string;
  /** Folder of the SQLite database. */
  dataDir: string;
  /** The public base URL of the app (EventBridge calls its event endpoint there). */
  appUrl?: string;
  /** Host names (without port) the admin surface answers to: the DNS-rebinding allow-list. */
  allowedHosts: string[];
  /** Required on a non-loopback bind; then every `/api` request must carry it as a bearer token. */
  adminToken?: string;
  aws: AwsEndpointMode;
  logLevel: string;
  /** `DATABASE_URL`: a `postgres://` URL selects the shared PostgreSQL storage; absent means SQLite in `dataDir`. */
  databaseUrl?: string;
  /** `FLOWBRIDGE_MODE`: in `production` the workspace (flows, constants) is read-only; `development` when absent. */
  mode?: ServerMode;
}

/** `development` edits the workspace; `production` runs the deployed workspace read-only (several instances may share it). */
export type ServerMode = 'development' | 'production';

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]', '::1'];
const AWS_ENDPOINT_VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_EVENTBRIDGE', 'AWS_ENDPOINT_URL_STS'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** True for addresses only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Reads and checks the environment; throws `ConfigError` naming the variable for anything malformed. */
export function readServerConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ServerConfig {
  const port = parsePort(env.PORT, 'PORT', 8080);
  const host = nonEmpty(env.HOST) ?? '127.0.0.1';
  const workspaceDir = resolve(cwd, nonEmpty(env.FLOWBRIDGE_WORKSPACE) ?? 'workspace');
  const dataDirSetting = nonEmpty(env.FLOWBRIDGE_DATA_DIR);
  const dataDir = dataDirSetting ? (isAbsolute(dataDirSetting) ? dataDirSetting : resolve(cwd, dataDirSetting)) : join(workspaceDir, 'data');

  const appUrl = nonEmpty(env.APP_URL);
  const allowedHosts = new Set(LOOPBACK_NAMES);
  if (appUrl) {
    let url: URL;
    try {
      url = new URL(appUrl);
    } catch {
      throw new ConfigError('APP_URL', undefined, `"${appUrl}" is not a URL; set it to the app's public base URL, e.g. https://flows.example.com`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('APP_URL', undefined, `must be an http or https URL, got "${url.protocol}"`);
    allowedHosts.add(url.hostname.toLowerCase());
  }
  for (const name of (env.FLOWBRIDGE_ALLOWED_HOSTS ?? '').split(',').map((h) => h.trim().toLowerCase()).filter(Boolean)) {
    if (!/^[a-z0-9.\-[\]:]+$/.test(name)) throw new ConfigError('FLOWBRIDGE_ALLOWED_HOSTS', undefined, `"${name}" is not a host name; list names separated by commas, without ports`);
    allowedHosts.add(name);
  }
  if (!isLoopback(host) && host !== '0.0.0.0' && host !== '::') allowedHosts.add(host.toLowerCase());

  const adminToken = nonEmpty(env.FLOWBRIDGE_ADMIN_TOKEN);
  const tokenProblem = adminToken !== undefined ? adminTokenProblem(adminToken) : null;
  if (tokenProblem) throw new ConfigError('FLOWBRIDGE_ADMIN_TOKEN', undefined, tokenProblem);
  if (!isLoopback(host) && adminToken === undefined) {
    throw new ConfigError(
      'HOST',
      undefined,
      `binding to "${host}" exposes the admin API beyond this machine; set FLOWBRIDGE_ADMIN_TOKEN to a long random value (requests then need "Authorization: Bearer <token>"), or bind to 127.0.0.1`,
    );
  }

  const databaseUrl = nonEmpty(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL', undefined, 'must be a PostgreSQL URL such as postgres://user@host:5432/database (leave it unset for the embedded SQLite)');
  }
  const mode = nonEmpty(env.FLOWBRIDGE_MODE) ?? 'development';
  if (mode !== 'development' && mode !== 'production') {
    throw new ConfigError('FLOWBRIDGE_MODE', undefined, `must be "development" or "production"; got "${mode}"`);
  }

  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError('LOG_LEVEL', undefined, `must be one of ${LOG_LEVELS.join(', ')}; got "${logLevel}"`);

  return {
    port,
    host,
    workspaceDir,
    dataDir,
    ...(appUrl ? { appUrl: appUrl.replace(/\/+$/, '') } : {}),
    allowedHosts: [...allowedHosts],
    ...(adminToken ? { adminToken } : {}),
    aws: readAwsMode(env),
    logLevel,
    ...(databaseUrl ? { databaseUrl } : {}),
    mode,
  };
}

function readAwsMode(env: NodeJS.ProcessEnv): AwsEndpointMode {
  const external = AWS_ENDPOINT_VARIABLES.filter((name) => nonEmpty(env[name]) !== undefined);
  if (external.length > 0) return { kind: 'external', variables: external };
  const setting = nonEmpty(env.LOCAL_AWS_PORT);
  if (setting?.toLowerCase() === 'off') return { kind: 'off' };
  return { kind: 'embedded', port: parsePort(setting, 'LOCAL_AWS_PORT', 4566) };
}

function parsePort(value: string | undefined, variable: string, fallback: number): number {
  const text = nonEmpty(value);
  if (text === undefined) return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new ConfigError(variable, undefined, `must be a port number (0-65535)${variable === 'LOCAL_AWS_PORT' ? ' or "off"' : ''}; got "${text}"`);
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
