/** Local AWS on a free port, a counting proxy in front of it, and the host services the activities read. */
import { clearClientCache, createAwsAuthModule } from '@flowbridge/connector-aws-auth';
import { startLocalAws } from '@flowbridge/local-aws';
import type { RuntimeModule } from '@flowbridge/runtime';
import { createEventBridgeModule, MemoryEventRoutingStore } from '../src/index.js';
import { startCountingProxy, type CountingProxy } from './counting-proxy.js';
import { runActivity, type RunActivityOptions } from '@flowbridge/runtime/testing';

export const TEST_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' };

export interface Fixture {
  proxy: CountingProxy;
  localAwsUrl: string;
  constants: Record<string, string>;
  routing: MemoryEventRoutingStore;
  services: Record<string, unknown>;
  modules: RuntimeModule[];
  /** Runs one activity with Region us-east-1, `$Creds` = test/test and `$OrderId` = 1 unless told otherwise. */
  run(kind: string, config: Record<string, unknown>, options?: RunActivityOptions): ReturnType<typeof runActivity>;
  close(): Promise<void>;
}

/** Starts local AWS and the proxy; every test file gets its own. */
export async function startFixture(appUrl = 'http://127.0.0.1:8080'): Promise<Fixture> {
  const local = await startLocalAws({ host: '127.0.0.1', port: 0 });
  const proxy = await startCountingProxy(local.url);
  const constants: Record<string, string> = { 'EventBridge.APIKey': 'key-one-0123456789' };
  const routing = new MemoryEventRoutingStore();
  const services: Record<string, unknown> = {
    'aws.endpoint': proxy.url,
    'app.url': appUrl,
    'eventbridge.routing': routing,
  };
  const modules = [createAwsAuthModule(), createEventBridgeModule({ entryRetry: { baseDelayMs: 5, maxDelayMs: 20 } })];
  return {
    proxy,
    localAwsUrl: local.url,
    constants,
    routing,
    services,
    modules,
    run: (kind, config, options = {}) =>
      runActivity(modules, kind, { region: "'us-east-1'", credentials: '$Creds', ...config }, {
        ...options,
        parameters: { Creds: TEST_CREDENTIALS, OrderId: 1, ...options.parameters },
        parameterTypes: [{ name: 'Creds', type: 'Credentials' }, { name: 'OrderId', type: 'Integer' }, ...(options.parameterTypes ?? [])],
        services: { ...services, ...options.services },
        constants: { ...constants, ...options.constants },
      }),
    close: async () => {
      clearClientCache();
      await proxy.close();
      await local.close();
    },
  };
}
