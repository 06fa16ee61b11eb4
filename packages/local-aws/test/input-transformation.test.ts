import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutEventsCommand, type Target } from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, startEndpoint, startForTest, wireDestination, type TestEndpoint } from './helpers.js';

const DETAIL = { orderId: 'o-1', total: 150.5, paid: true, customer: { name: 'Ana', tier: 'gold' }, tags: ['new', 'vip'] };

let aws: LocalAws;
let app: TestEndpoint;
let counter = 0;
beforeAll(async () => {
  aws = await startForTest();
  app = await startEndpoint();
});
afterAll(async () => {
  await aws.close();
  await app.close();
});

/** Wires a target with the given input settings, sends one event, and returns what the endpoint got. */
async function deliveredBody(target: Partial<Target>): Promise<{ body: string | undefined; eventId: string; ruleArn: string; ruleName: string }> {
  const source = `transform.${++counter}`;
  const wiring = await wireDestination(aws, `${app.url}/${source}`, { pattern: { source: [source] }, target });
  const out = await eventBridge(aws).send(
    new PutEventsCommand({
      Entries: [{ Source: source, DetailType: 'OrderPlaced', Detail: JSON.stringify(DETAIL), Resources: ['arn:aws:s3:::bucket-1'] }],
    }),
  );
  await aws.idle();
  return {
    body: app.received.find((r) => r.url === `/${source}`)?.body,
    eventId: out.Entries?.[0]?.EventId ?? '',
    ruleArn: wiring.ruleArn,
    ruleName: wiring.ruleName,
  };
}

describe('target input', () => {
  it('Input sends the constant text instead of the event', async () => {
    const { body } = await deliveredBody({ Input: '{"fixed":true}' });
    expect(body).toBe('{"fixed":true}');
  });

  it('InputPath sends the selected part; a string selection stays a JSON string', async () => {
    expect(JSON.parse((await deliveredBody({ InputPath: '$.detail.customer' })).body ?? '')).toEqual(DETAIL.customer);
    expect((await deliveredBody({ InputPath: '$.detail.orderId' })).body).toBe('"o-1"');
    expect((await deliveredBody({ InputPath: '$.resources[0]' })).body).toBe('"arn:aws:s3:::bucket-1"');
  });

  it('InputPath that selects nothing delivers nothing and records why', async () => {
    const { body, eventId } = await deliveredBody({ InputPath: '$.detail.nothing' });
    expect(body).toBeUndefined();
    const record = aws.deliveries().find((d) => d.eventId === eventId);
    expect(record?.status).toBe('dropped');
    expect(record?.reason).toContain('$.detail.nothing');
  });

  it('InputTransformer: unquoted placeholders become JSON, quoted ones raw text', async () => {
    const { body } = await deliveredBody({
      InputTransformer: {
        InputPathsMap: { id: '$.detail.orderId', total: '$.detail.total', paid: '$.detail.paid', customer: '$.detail.customer', tags: '$.detail.tags', missing: '$.detail.none' },
        InputTemplate: '{"order": <id>, "label": "order <id> paid=<paid>", "total": <total>, "customer": <customer>, "tags": <tags>, "missing": <missing>}',
      },
    });
    expect(JSON.parse(body ?? '')).toEqual({
      order: 'o-1',
      label: 'order o-1 paid=true',
      total: 150.5,
      customer: DETAIL.customer,
      tags: DETAIL.tags,
      missing: '',
    });
  });

  it('InputTransformer: a quoted-string template renders objects and arrays without quotes', async () => {
    const { body } = await deliveredBody({
      InputTransformer: {
        InputPathsMap: { customer: '$.detail.customer', tags: '$.detail.tags', id: '$.detail.orderId' },
        InputTemplate: '"Order <id> for <customer> tagged <tags>"',
      },
    });
    expect(body).toBe('"Order o-1 for {name:Ana,tier:gold} tagged [new,vip]"');
  });

  it('InputTransformer: reserved placeholders give the rule, ingestion time and event', async () => {
    const { body, eventId, ruleArn, ruleName } = await deliveredBody({
      InputTransformer: {
        InputTemplate:
          '{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>, "whole": <aws.events.event.json>}',
      },
    });
    const parsed = JSON.parse(body ?? '') as Record<string, Record<string, unknown> | string>;
    expect(parsed.rule).toBe(ruleName);
    expect(parsed.arn).toBe(ruleArn);
    expect(parsed.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(parsed.event).toMatchObject({ id: eventId, detailType: 'OrderPlaced', version: '0' });
    expect(parsed.event).not.toHaveProperty('detail');
    expect(parsed.whole).toMatchObject({ id: eventId, 'detail-type': 'OrderPlaced', detail: DETAIL });
  });

  it('InputTransformer output that is not JSON is not delivered', async () => {
    const objectInQuotes = await deliveredBody({
      InputTransformer: { InputPathsMap: { customer: '$.detail.customer' }, InputTemplate: '{"c": "<customer>"}' },
    });
    expect(objectInQuotes.body).toBeUndefined();
    expect(aws.deliveries().find((d) => d.eventId === objectInQuotes.eventId)?.status).toBe('dropped');
    const bareText = await deliveredBody({ InputTransformer: { InputPathsMap: { id: '$.detail.orderId' }, InputTemplate: 'order <id>' } });
    expect(bareText.body).toBeUndefined();
  });
});
