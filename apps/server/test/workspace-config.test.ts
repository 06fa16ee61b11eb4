import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadSettings, DEFAULT_SETTINGS } from '../src/config/settings.js';
import { ConstantsStore } from '../src/workspace/constants-store.js';
import { startTestServer, tempDir } from './support/test-server.js';

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const dir = await tempDir('fb-ws-');
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

describe('settings.json', () => {
  it('uses the defaults when there is no settings.json', async () => {
    expect(await loadSettings(await tempDir())).toEqual(DEFAULT_SETTINGS);
  });

  it('reads after-startup flows, event endpoint options and retention', async () => {
    const dir = await workspaceWith({ 'settings.json': JSON.stringify({ afterStartupFlows: ['ASU_System'], eventEndpoint: { rateLimitPerMinute: 60 }, runs: { maxRuns: 5 } }) });
    const settings = await loadSettings(dir);
    expect(settings.afterStartupFlows).toEqual(['ASU_System']);
    expect(settings.eventEndpoint).toEqual({ ...DEFAULT_SETTINGS.eventEndpoint, rateLimitPerMinute: 60 });
    expect(settings.runs).toEqual({ maxAgeDays: 30, maxRuns: 5 });
  });

  it.each([
    [{ afterStartup: [] }, /settings\.json: afterStartup: unknown setting/],
    [{ eventEndpoint: { rateLimit: 5 } }, /settings\.json: eventEndpoint\.rateLimit: unknown setting/],
    [{ eventEndpoint: { bodyLimitBytes: 'big' } }, /eventEndpoint\.bodyLimitBytes: must be a whole number/],
    [{ eventEndpoint: { apiKeyConstant: 'nokey' } }, /eventEndpoint\.apiKeyConstant: must be a constant name/],
    [{ eventEndpoint: { callbackTrace: 'none' } }, /eventEndpoint\.callbackTrace: must be one of "compact", "full"/],
    [{ eventEndpoint: { dispatchConcurrency: 0 } }, /eventEndpoint\.dispatchConcurrency/],
    [{ eventEndpoint: { dispatchConcurrency: 5000 } }, /eventEndpoint\.dispatchConcurrency/],
    [{ afterStartupFlows: 'ASU_System' }, /afterStartupFlows: must be a list/],
    [{ afterStartupFlows: ['../x'] }, /afterStartupFlows\[0\]/],
    [{ runs: { maxAgeDays: -1 } }, /runs\.maxAgeDays/],
    [[], /settings\.json: must be a JSON object/],
  ])('refuses %j naming the file and field', async (settings, message) => {
    const dir = await workspaceWith({ 'settings.json': JSON.stringify(settings) });
    await expect(loadSettings(dir)).rejects.toThrow(message);
  });

  it('refuses settings.json that is not JSON', async () => {
    const dir = await workspaceWith({ 'settings.json': '{ "afterStartupFlows": [' });
    await expect(loadSettings(dir)).rejects.toThrow(/settings\.json: is not valid JSON/);
  });

  it('stops start-up with the message before anything listens', async () => {
    const dir = await workspaceWith({ 'settings.json': JSON.stringify({ eventEndpoint: { unknown: 1 } }) });
    await expect(startTestServer({ workspace: dir })).rejects.toThrow(/eventEndpoint\.unknown/);
  });
});

describe('constants files', () => {
  it('refuses a secret value in constants.json (it would be committed), naming the constant', async () => {
    const dir = await workspaceWith({ 'constants.json': JSON.stringify({ 'EventBridge.APIKey': { secret: true, value: 'oops' } }) });
    await expect(new ConstantsStore(dir, {}).load()).rejects.toThrow(/constants\.json: EventBridge\.APIKey\.value: a secret constant's value must not be in constants\.json/);
  });

  it.each([
    [{ 'constants.json': JSON.stringify({ NoDot: { value: 1 } }) }, /constants\.json: NoDot: is not a constant name/],
    [{ 'constants.json': JSON.stringify({ 'A.B': 'bare' }) }, /constants\.json: A\.B: must be an object/],
    [{ 'constants.json': JSON.stringify({ 'A.B': { value: 1, colour: 'red' } }) }, /A\.B\.colour: unknown field/],
    [{ 'constants.json': JSON.stringify({ 'A.B': { value: 1 } }), 'secrets.json': JSON.stringify({ 'A.B': 'x' }) }, /secrets\.json: A\.B: is declared in constants\.json without "secret": true/],
    [{ 'secrets.json': '{' }, /secrets\.json: is not valid JSON/],
  ])('refuses malformed constants files %#', async (files, message) => {
    await expect(new ConstantsStore(await workspaceWith(files), {}).load()).rejects.toThrow(message);
  });

  it('resolves env over files, secrets from secrets.json, and treats undeclared secrets.json entries as secret', async () => {
    const dir = await workspaceWith({
      'constants.json': JSON.stringify({ 'AWS.Region': { value: 'us-east-1' }, 'EventBridge.APIKey': { secret: true }, 'Shop.Limit': { value: 5, type: 'Integer' } }),
      'secrets.json': JSON.stringify({ 'EventBridge.APIKey': 'key-from-file', 'Extra.Token': 'tok-123' }),
    });
    const store = new ConstantsStore(dir, { FLOWBRIDGE_AWS_REGION: 'eu-central-1', FLOWBRIDGE_SHOP_LIMIT: '12' });
    await store.load();
    expect(store.resolve('AWS.Region')).toEqual({ value: 'eu-central-1', secret: false });
    expect(store.resolve('Shop.Limit')).toEqual({ value: 12, secret: false });
    expect(store.resolve('EventBridge.APIKey')).toEqual({ value: 'key-from-file', secret: true });
    expect(store.resolve('Extra.Token')).toEqual({ value: 'tok-123', secret: true });
    expect(store.resolve('Nope.Nothing')).toBeUndefined();
    expect([...store.secretStrings()].sort()).toEqual(['key-from-file', 'tok-123']);
    expect(store.definitions().map((d) => [d.name, d.secret])).toEqual([
      ['AWS.Region', false],
      ['EventBridge.APIKey', true],
      ['Extra.Token', true],
      ['Shop.Limit', false],
    ]);
  });

  it('uses a secret constant\'s local default only while the server is fully local, and never masks it', async () => {
    const files = { 'constants.json': JSON.stringify({ 'AWS.SecretAccessKey': { secret: true, localDefault: 'test' } }) };
    const local = new ConstantsStore(await workspaceWith(files), {}, true);
    await local.load();
    expect(local.resolve('AWS.SecretAccessKey')).toEqual({ value: 'test', secret: true });
    expect(local.info('AWS.SecretAccessKey')).toMatchObject({ set: true, source: 'local-default' });
    expect(local.info('AWS.SecretAccessKey')).not.toHaveProperty('value');
    expect(local.secretStrings().size).toBe(0);

    const remote = new ConstantsStore(await workspaceWith(files), {}, false);
    await remote.load();
    expect(remote.resolve('AWS.SecretAccessKey')).toBeUndefined();

    const overridden = new ConstantsStore(await workspaceWith(files), { FLOWBRIDGE_AWS_SECRETACCESSKEY: 'real-secret-value' }, true);
    await overridden.load();
    expect(overridden.resolve('AWS.SecretAccessKey')).toEqual({ value: 'real-secret-value', secret: true });
    expect([...overridden.secretStrings()]).toEqual(['real-secret-value']);
  });

  it('refuses a local default on a constant that is not secret', async () => {
    const files = { 'constants.json': JSON.stringify({ 'A.B': { value: 1, localDefault: 2 } }) };
    await expect(new ConstantsStore(await workspaceWith(files), {}).load()).rejects.toThrow(/A\.B\.localDefault: only a secret constant has a local default/);
  });

  it('parses the default workspace shipped with the repository', async () => {
    const repoWorkspace = join(import.meta.dirname, '..', '..', '..', 'workspace');
    await expect(loadSettings(repoWorkspace)).resolves.toBeDefined();
    await expect(new ConstantsStore(repoWorkspace, {}).load()).resolves.toBeUndefined();
  });
});

describe('workspace layout', () => {
  it('creates flows/ and a .gitignore keeping secrets.json and data/ out of git in a new workspace', async () => {
    const dir = await tempDir('fb-ws-');
    const server = await startTestServer({ workspace: dir });
    await server.close();
    const ignore = await readFile(join(dir, '.gitignore'), 'utf8');
    expect(ignore.split('\n')).toEqual(expect.arrayContaining(['secrets.json', 'data/']));
  });

  it('leaves an existing .gitignore alone and warns when it misses secrets.json', async () => {
    const dir = await workspaceWith({ '.gitignore': 'node_modules/\n' });
    const server = await startTestServer({ workspace: dir });
    await server.close();
    expect(await readFile(join(dir, '.gitignore'), 'utf8')).toBe('node_modules/\n');
    expect(server.logs.some((line) => line.includes('does not list secrets.json'))).toBe(true);
  });
});
