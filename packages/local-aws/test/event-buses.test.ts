import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  ListEventBusesCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { ACCOUNT, eventBridge, REGION, rejection, startForTest } from './helpers.js';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('event buses', () => {
  it('the default bus always exists', async () => {
    const out = await eventBridge(aws).send(new DescribeEventBusCommand({}));
    expect(out.Name).toBe('default');
    expect(out.Arn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/default`);
    expect(out.CreationTime).toBeInstanceOf(Date);
  });

  it('creates, describes (by name and ARN), lists and deletes a custom bus', async () => {
    const eb = eventBridge(aws);
    const created = await eb.send(new CreateEventBusCommand({ Name: 'orders', Description: 'order events' }));
    expect(created.EventBusArn).toBe(`arn:aws:events:${REGION}:${ACCOUNT}:event-bus/orders`);
    const byName = await eb.send(new DescribeEventBusCommand({ Name: 'orders' }));
    expect(byName).toMatchObject({ Name: 'orders', Arn: created.EventBusArn, Description: 'order events' });
    const byArn = await eb.send(new DescribeEventBusCommand({ Name: created.EventBusArn }));
    expect(byArn.Name).toBe('orders');
    const listed = await eb.send(new ListEventBusesCommand({ NamePrefix: 'ord' }));
    expect(listed.EventBuses?.map((b) => b.Name)).toEqual(['orders']);
    await eb.send(new DeleteEventBusCommand({ Name: 'orders' }));
    const gone = await rejection(eb.send(new DescribeEventBusCommand({ Name: 'orders' })));
    expect(gone).toBeInstanceOf(ResourceNotFoundException);
    expect(gone.message).toBe('Event bus orders does not exist.');
  });

  it('refuses a duplicate bus with ResourceAlreadyExistsException', async () => {
    const eb = eventBridge(aws);
    await eb.send(new CreateEventBusCommand({ Name: 'twice' }));
    const error = await rejection(eb.send(new CreateEventBusCommand({ Name: 'twice' })));
    expect(error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(error.message).toBe('Event bus twice already exists.');
  });

  it('refuses an invalid bus name with AWS validation text', async () => {
    const error = await rejection(eventBridge(aws).send(new CreateEventBusCommand({ Name: 'bad name!' })));
    expect(error.name).toBe('ValidationException');
    expect(error.$metadata?.httpStatusCode).toBe(400);
    expect(error.message).toBe(
      "1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+",
    );
  });

  it('refuses to delete the default bus and accepts deleting a missing one', async () => {
    const eb = eventBridge(aws);
    const error = await rejection(eb.send(new DeleteEventBusCommand({ Name: 'default' })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Cannot delete event bus default.');
    await expect(eb.send(new DeleteEventBusCommand({ Name: 'never-existed' }))).resolves.toBeDefined();
  });

  it('pages ListEventBuses with Limit and NextToken and validates Limit', async () => {
    const eb = eventBridge(aws);
    for (const name of ['page-a', 'page-b', 'page-c']) await eb.send(new CreateEventBusCommand({ Name: name }));
    const first = await eb.send(new ListEventBusesCommand({ NamePrefix: 'page-', Limit: 2 }));
    expect(first.EventBuses?.map((b) => b.Name)).toEqual(['page-a', 'page-b']);
    expect(first.NextToken).toBeDefined();
    const second = await eb.send(new ListEventBusesCommand({ NamePrefix: 'page-', Limit: 2, NextToken: first.NextToken }));
    expect(second.EventBuses?.map((b) => b.Name)).toEqual(['page-c']);
    expect(second.NextToken).toBeUndefined();
    const error = await rejection(eb.send(new ListEventBusesCommand({ Limit: 101 })));
    expect(error.message).toBe(
      "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    );
  });
});
