import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunActivityOptions } from '@flowbridge/runtime/testing';
import { startFixture, type Fixture } from './local-aws-fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(async () => f.close());
beforeEach(() => f.proxy.reset());

const entry = { source: "'com.example.orders'", detailType: "'OrderPlaced'", detail: '{"orderId": $OrderId}' };
const requestOf = (entries: unknown[]): RunActivityOptions => ({ parameters: { Request: { Entries: entries } }, parameterTypes: [{ name: 'Request', type: 'PutEventsRequest' }] });
const sentDetailTypes = () => f.proxy.of('PutEvents').map((c) => (JSON.parse(c.body) as { Entries: Array<{ DetailType: string }> }).Entries.map((e) => e.DetailType));

describe('Put Events', () => {
  it('publishes an entry row, evaluating its expressions against flow variables, and answers its EventId', async () => {
    const out = await f.run('eventbridge.PutEvents', { entries: [entry] }, { parameters: { OrderId: 42 } });
    expect(out.path).toBe('out');
    expect(out.value.FailedEntryCount).toBe(0);
    expect(out.value.Entries).toHaveLength(1);
    expect(out.value.Entries[0].EventId).toMatch(/^[0-9a-f-]{36}$/);
    const sent = JSON.parse(f.proxy.of('PutEvents')[0]!.body) as { Entries: Array<Record<string, unknown>> };
    expect(sent.Entries[0]).toMatchObject({ Source: 'com.example.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":42}' });
  });

  it('splits 25 entries into three calls of 10, 10 and 5, keeping entry order in the calls and the response', async () => {
    const entries = Array.from({ length: 25 }, (_, i) => ({ Source: 'com.example', DetailType: `T${i}`, Detail: { n: i }, ...(i === 13 ? { Source: '' } : {}) }));
    const out = await f.run('eventbridge.PutEvents', { request: '$Request' }, requestOf(entries));
    expect(out.path).toBe('out');
    const calls = sentDetailTypes();
    expect(calls.map((c) => c.length)).toEqual([10, 10, 5]);
    expect(calls.flat()).toEqual(entries.map((e) => e.DetailType));
    // Entry 14 has no Source: EventBridge rejects exactly that one, at its place in the response.
    expect(out.value.FailedEntryCount).toBe(1);
    expect(out.value.Entries).toHaveLength(25);
    out.value.Entries.forEach((e: { EventId?: string; ErrorCode?: string }, i: number) => {
      if (i === 13) expect(e.ErrorCode).toBe('InvalidArgument');
      else expect(e.EventId).toBeTruthy();
    });
  });

  it('splits by size so no call reaches 256 KB', async () => {
    const detail = { blob: 'x'.repeat(100 * 1024) };
    const out = await f.run('eventbridge.PutEvents', { request: '$Request' }, requestOf([1, 2, 3].map((i) => ({ Source: 's', DetailType: `T${i}`, Detail: detail }))));
    expect(out.path).toBe('out');
    expect(out.value.FailedEntryCount).toBe(0);
    expect(sentDetailTypes()).toEqual([['T1', 'T2'], ['T3']]);
  });

  it('accepts Detail given as JSON text holding an object, as Mendix passes it', async () => {
    const out = await f.run('eventbridge.PutEvents', { entries: [{ ...entry, detail: '"{\\"a\\": 1}"' }] });
    expect(out.value.FailedEntryCount).toBe(0);
  });

  it('reports a rejected entry in the response and stays on the normal path by default', async () => {
    const out = await f.run('eventbridge.PutEvents', { entries: [entry, { ...entry, source: "''" }] });
    expect(out.path).toBe('out');
    expect(out.value.FailedEntryCount).toBe(1);
    expect(out.value.Entries[1]).toMatchObject({ ErrorCode: 'InvalidArgument' });
  });

  it('takes the error path on a partial failure when asked, with each failed entry in $latestError.details', async () => {
    const out = await f.run(
      'eventbridge.PutEvents',
      { entries: [entry, { ...entry, source: "''" }, entry], failOnPartialFailure: true },
    );
    expect(out.path).toBe('error');
    expect(out.error?.kind).toBe('PartialFailure');
    expect(out.error?.message).toMatch(/1 of 3 events were rejected \(InvalidArgument\)/);
    expect(out.error?.details.failed).toEqual([{ entry: 2, ErrorCode: 'InvalidArgument', ErrorMessage: expect.stringContaining('Source') }]);
    expect(out.error?.details.response.Entries[0].EventId).toBeTruthy();
  });

  describe('entries EventBridge throttles', () => {
    /** Marks the answer of every entry whose DetailType is in `types` as throttled, `times` times in all. */
    function throttle(types: string[], times: number): void {
      let left = times;
      f.proxy.rewrite('PutEvents', (answer, request) => {
        const sent = (JSON.parse(request) as { Entries: Array<{ DetailType: string }> }).Entries;
        const result = JSON.parse(answer) as { FailedEntryCount: number; Entries: Array<Record<string, string>> };
        result.Entries = result.Entries.map((e, i) => (types.includes(sent[i]!.DetailType) && left-- > 0 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : e));
        result.FailedEntryCount = result.Entries.filter((e) => e.ErrorCode).length;
        return JSON.stringify(result);
      });
    }
    const three = requestOf(['A', 'B', 'C'].map((t) => ({ Source: 's', DetailType: t, Detail: {} })));

    it('retries only the throttled entry and answers success for all, in order', async () => {
      throttle(['B'], 1);
      const out = await f.run('eventbridge.PutEvents', { request: '$Request' }, three);
      expect(sentDetailTypes()).toEqual([['A', 'B', 'C'], ['B']]);
      expect(out.value.FailedEntryCount).toBe(0);
      expect(out.value.Entries.every((e: { EventId?: string }) => e.EventId)).toBe(true);
    });

    it('gives up after three retries and reports the throttling for that entry', async () => {
      throttle(['C'], 100);
      const out = await f.run('eventbridge.PutEvents', { request: '$Request', failOnPartialFailure: true }, three);
      expect(sentDetailTypes()).toEqual([['A', 'B', 'C'], ['C'], ['C'], ['C']]);
      expect(out.error?.kind).toBe('PartialFailure');
      expect(out.error?.details.failed).toEqual([{ entry: 3, ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' }]);
    });
  });

  describe('refuses invalid input before any call', () => {
    const cases: Array<[string, Record<string, unknown>, RunActivityOptions | undefined, RegExp]> = [
      ['no entries', { request: '$Request' }, requestOf([]), /at least one entry/],
      ['a Detail that is a list', { entries: [{ ...entry, detail: '[1, 2]' }] }, undefined, /Entry 1: Detail must be a JSON object.*a list/],
      ['a Detail that is plain text', { entries: [{ ...entry, detail: "'hello'" }] }, undefined, /Detail must be a JSON object.*not JSON/],
      ['a Detail that is JSON text of a string', { entries: [{ ...entry, detail: '\'"hello"\'' }] }, undefined, /Detail must be a JSON object/],
      ['a Detail that is a number', { entries: [{ ...entry, detail: '42' }] }, undefined, /Detail must be a JSON object.*number 42/],
      ['a missing Detail', { entries: [{ ...entry, detail: '$Nothing' }] }, { parameters: { Nothing: null }, parameterTypes: [{ name: 'Nothing', type: 'JSON' }] }, /Detail must be a JSON object.*null/],
      ['an entry over 256 KB', { request: '$Request' }, requestOf([{ Source: 's', DetailType: 't', Detail: { blob: 'x'.repeat(256 * 1024) } }]), /Entry 1 is \d+ bytes.*256 KB/],
      ['a Time that is not a date', { entries: [{ ...entry, detail: '{}', time: "'yesterday'" }] }, undefined, /Time must be a date-time/],
      ['Resources that are not a list of text', { entries: [{ ...entry, detail: '{}', resources: '42' }] }, undefined, /Resources must be a list/],
      ['an invalid event bus name', { entries: [{ ...entry, detail: '{}', eventBusName: "'no spaces allowed'" }] }, undefined, /not an event bus name/],
      ['a request that is not a PutEventsRequest', { request: '$Request' }, { parameters: { Request: 'nope' }, parameterTypes: [{ name: 'Request', type: 'JSON' }] }, /Request must be a PutEventsRequest/],
    ];
    for (const [what, config, options, message] of cases) {
      it(`refuses ${what}`, async () => {
        const out = await f.run('eventbridge.PutEvents', config, options);
        expect(out.path).toBe('error');
        expect(out.error?.kind).toBe('InvalidInput');
        expect(out.error?.message).toMatch(message);
        expect(f.proxy.calls).toEqual([]);
      });
    }

    it('refuses a computed region that is not an AWS region', async () => {
      const out = await f.run('eventbridge.PutEvents', { region: '$Region', entries: [entry] }, { parameters: { Region: 'mars-north-1' }, parameterTypes: [{ name: 'Region', type: 'JSON' }] });
      expect(out.error).toMatchObject({ kind: 'InvalidInput', message: expect.stringContaining('"mars-north-1" is not an AWS region') });
      expect(f.proxy.calls).toEqual([]);
    });

    it('refuses expired credentials with an error that says how to get fresh ones', async () => {
      const out = await f.run('eventbridge.PutEvents', { entries: [entry] }, { parameters: { Creds: { accessKeyId: 'ASIAOLD', secretAccessKey: 'x', sessionToken: 't', expiration: '2020-01-01T00:00:00Z' } } });
      expect(out.error).toMatchObject({ kind: 'ExpiredCredentials', message: expect.stringContaining('Get Temporary Credentials') });
      expect(f.proxy.calls).toEqual([]);
    });
  });

  it('takes the error path with the AWS error kind when AWS refuses the credentials', async () => {
    const out = await f.run('eventbridge.PutEvents', { entries: [entry] }, { parameters: { Creds: { accessKeyId: 'test', secretAccessKey: 'wrong' } } });
    expect(out.path).toBe('error');
    expect(out.error?.message).toMatch(/refused the credentials/);
    expect(out.error?.details.operation).toBe('PutEvents');
  });

  it('says which endpoint it could not reach', async () => {
    const out = await f.run('eventbridge.PutEvents', { entries: [entry], endpoint: 'http://127.0.0.1:9', retryPolicy: 'none' });
    expect(out.error).toMatchObject({ kind: 'EndpointUnreachable', message: expect.stringContaining('http://127.0.0.1:9') });
  });
});
