import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, startEndpoint, startForTest } from './helpers.js';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('HttpParameters values that are JSONPath', () => {
  it('resolves header, query and path values from the event; literal values stay as they are', async () => {
    const app = await startEndpoint();
    try {
      const eb = eventBridge(aws);
      const connection = await eb.send(
        new CreateConnectionCommand({ Name: 'jsonpath-conn', AuthorizationType: 'API_KEY', AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } } }),
      );
      const destination = await eb.send(
        new CreateApiDestinationCommand({
          Name: 'jsonpath-dest',
          ConnectionArn: connection.ConnectionArn,
          InvocationEndpoint: `${app.url}/orders/*/lines/*`,
          HttpMethod: 'POST',
        }),
      );
      await eb.send(new PutRuleCommand({ Name: 'jsonpath-rule', EventPattern: '{"source":["jsonpath.test"]}' }));
      await eb.send(
        new PutTargetsCommand({
          Rule: 'jsonpath-rule',
          Targets: [
            {
              Id: 'api',
              Arn: destination.ApiDestinationArn,
              RoleArn: INVOKE_ROLE,
              HttpParameters: {
                PathParameterValues: ['$.detail.id', 'fixed'],
                QueryStringParameters: { customer: '$.detail.customer.name', qty: '$.detail.qty', plain: 'text' },
                HeaderParameters: { 'x-order-id': '$.detail.id', 'x-source': '$.source', 'x-missing': '$.detail.nope' },
              },
            },
          ],
        }),
      );
      await eb.send(
        new PutEventsCommand({
          Entries: [{ Source: 'jsonpath.test', DetailType: 'd', Detail: JSON.stringify({ id: 'o-42', qty: 3, customer: { name: 'Ada' } }) }],
        }),
      );
      await aws.idle();
      const [call] = app.received;
      const url = new URL(call!.url, 'http://x');
      expect(url.pathname).toBe('/orders/o-42/lines/fixed');
      expect(Object.fromEntries(url.searchParams)).toEqual({ customer: 'Ada', qty: '3', plain: 'text' });
      expect(call!.headers['x-order-id']).toBe('o-42');
      expect(call!.headers['x-source']).toBe('jsonpath.test');
      expect(call!.headers['x-missing']).toBe('');
    } finally {
      await app.close();
    }
  });
});
