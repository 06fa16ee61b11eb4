import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { body, loggingFlow, startTestServer, type TestServer } from './support/test-server.js';

// Tests run as root, whom file modes do not stop: the read-only file system is simulated at the fs layer.
const fsState = vi.hoisted(() => ({ readOnly: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:fs/promises')>();
  const refuse = () => Promise.reject(Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' }));
  return {
    ...original,
    writeFile: ((...args: Parameters<typeof original.writeFile>) => (fsState.readOnly ? refuse() : original.writeFile(...args))) as typeof original.writeFile,
    rm: ((...args: Parameters<typeof original.rm>) => (fsState.readOnly ? refuse() : original.rm(...args))) as typeof original.rm,
  };
});

describe('a workspace on a read-only file system', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
    await server.api('/api/flows/ACT_Kept', { method: 'PUT', json: loggingFlow('ACT_Kept') });
    fsState.readOnly = true;
  });
  afterAll(async () => {
    fsState.readOnly = false;
    await server.close();
  });

  it('answers saves, deletes and constant changes with 503 saying why and what to do', async () => {
    const answers = [
      await server.api('/api/flows/ACT_Kept', { method: 'PUT', json: loggingFlow('ACT_Kept', 'changed') }),
      await server.api('/api/flows/ACT_New', { method: 'PUT', json: loggingFlow('ACT_New') }),
      await server.api('/api/flows/ACT_Kept', { method: 'DELETE' }),
      await server.api('/api/constants/Shop.Region', { method: 'PUT', json: { value: 'eu-west-1' } }),
    ];
    for (const res of answers) {
      expect(res.status).toBe(503);
      const error = await body(res);
      expect(error.error).toBe('WorkspaceNotWritable');
      expect(error.message).toMatch(/read-only file system.*FLOWBRIDGE_MODE=production/);
    }
    // Reading still works.
    expect((await server.api('/api/flows/ACT_Kept')).status).toBe(200);
  });
});
