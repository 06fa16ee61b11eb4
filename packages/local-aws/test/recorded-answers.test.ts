import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as eventBridgeSdk from '@aws-sdk/client-eventbridge';
import * as sqsSdk from '@aws-sdk/client-sqs';
import * as stsSdk from '@aws-sdk/client-sts';
import type { LocalAws } from '../src/index.js';
import { ACCOUNT, REGION, startForTest } from './helpers.js';

type Service = 'events' | 'sqs' | 'sts';
interface Call {
  readonly service: Service;
  readonly operation: string;
  readonly input: unknown;
  readonly region?: string;
}
interface RecordedCase {
  readonly id: string;
  readonly source: string;
  readonly setup?: readonly Call[];
  readonly call: Call;
  readonly expect: { readonly error?: { name: string; message: string; status: number; code?: string }; readonly output?: object };
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/recorded-answers.json', import.meta.url), 'utf8')) as { cases: RecordedCase[] };

/** A client of the unmodified SDK: `send` takes any of its commands. */
interface SdkClient {
  send(command: unknown): Promise<unknown>;
}
/** The SDK modules looked up by command name (`PutRuleCommand`); each export is a command class or something else. */
const SDKS: Record<Service, Record<string, unknown>> = { events: eventBridgeSdk, sqs: sqsSdk, sts: stsSdk };

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

function client(service: Service, region: string): SdkClient {
  const config = { region, endpoint: aws.url, credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 };
  if (service === 'events') return new eventBridgeSdk.EventBridgeClient(config);
  if (service === 'sqs') return new sqsSdk.SQSClient(config);
  return new stsSdk.STSClient(config);
}

/** Replaces the fixture's placeholders in every string of a value. */
function expand<T>(value: T, unique: string): T {
  const text = (s: string): string =>
    s
      .replace(/\{\{repeat:(.):(\d+)\}\}/g, (_, c: string, n: string) => c.repeat(Number(n)))
      .replaceAll('{{u}}', unique)
      .replaceAll('{{endpoint}}', aws.url)
      .replaceAll('{{account}}', ACCOUNT)
      .replaceAll('{{region}}', REGION);
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

function send(call: Call): Promise<unknown> {
  const Command = SDKS[call.service][`${call.operation}Command`] as (new (input: unknown) => unknown) | undefined;
  if (!Command) throw new Error(`no ${call.operation}Command in the ${call.service} SDK`);
  return client(call.service, call.region ?? REGION).send(new Command(call.input));
}

describe('answers recorded on AWS, replayed through the unmodified SDK clients', () => {
  let n = 0;
  it.each(fixture.cases)('$id', async (recorded) => {
    const { setup, call, expect: expected } = expand(recorded, `r${++n}`);
    for (const step of setup ?? []) await send(step);
    if (expected.error) {
      const error = (await send(call).then(
        () => undefined,
        (e: unknown) => e,
      )) as (Error & { Code?: string; $metadata?: { httpStatusCode?: number } }) | undefined;
      expect(error, 'the call succeeded, AWS answered an error').toBeDefined();
      expect({ name: error!.name, message: error!.message, status: error!.$metadata?.httpStatusCode }).toEqual({
        name: expected.error.name,
        message: expected.error.message,
        status: expected.error.status,
      });
      if (expected.error.code !== undefined) expect(error!.Code).toBe(expected.error.code);
    } else {
      expect(await send(call)).toMatchObject(expected.output ?? {});
    }
  });
});
