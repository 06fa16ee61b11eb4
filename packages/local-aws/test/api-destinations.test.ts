import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DeleteApiDestinationCommand,
  DescribeApiDestinationCommand,
  ListApiDestinationsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateApiDestinationCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { ACCOUNT, eventBridge, REGION, rejection, startForTest } from './helpers.js';

let aws: LocalAws;
let connectionArn: string;
let oauthConnectionArn: string;
beforeAll(async () => {
  aws = await startForTest();
  const eb = eventBridge(aws);
  const key = await eb.send(
    new CreateConnectionCommand({
      Name: 'key',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'secret' } },
    }),
  );
  connectionArn = key.ConnectionArn ?? '';
  const oauth = await eb.send(
    new CreateConnectionCommand({
      Name: 'oauth',
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: 'https://auth.example.com/token',
          HttpMethod: 'POST',
          ClientParameters: { ClientID: 'c', ClientSecret: 's' },
        },
      },
    }),
  );
  oauthConnectionArn = oauth.ConnectionArn ?? '';
});
afterAll(async () => aws.close());

describe('API destinations', () => {
  it('creates an ACTIVE destination with the default rate limit of 300, describes, lists, updates and deletes it', async () => {
    const eb = eventBridge(aws);
    const created = await eb.send(
      new CreateApiDestinationCommand({
        Name: 'app',
        Description: 'the app',
        ConnectionArn: connectionArn,
        InvocationEndpoint: 'http://127.0.0.1:9/rest/EventBridge/v1/event',
        HttpMethod: 'POST',
      }),
    );
    expect(created.ApiDestinationArn).toMatch(new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:api-destination/app/[0-9a-f-]{36}$`));
    expect(created.ApiDestinationState).toBe('ACTIVE');

    const described = await eb.send(new DescribeApiDestinationCommand({ Name: 'app' }));
    expect(described).toMatchObject({
      Name: 'app',
      Description: 'the app',
      ApiDestinationArn: created.ApiDestinationArn,
      ApiDestinationState: 'ACTIVE',
      ConnectionArn: connectionArn,
      InvocationEndpoint: 'http://127.0.0.1:9/rest/EventBridge/v1/event',
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 300,
    });

    const updated = await eb.send(new UpdateApiDestinationCommand({ Name: 'app', HttpMethod: 'PUT', InvocationRateLimitPerSecond: 5 }));
    expect(updated.ApiDestinationArn).toBe(created.ApiDestinationArn);
    const listed = await eb.send(new ListApiDestinationsCommand({ NamePrefix: 'app', ConnectionArn: connectionArn }));
    expect(listed.ApiDestinations).toHaveLength(1);
    expect(listed.ApiDestinations?.[0]).toMatchObject({ Name: 'app', HttpMethod: 'PUT', InvocationRateLimitPerSecond: 5 });
    expect(listed.ApiDestinations?.[0]).not.toHaveProperty('Description');

    await eb.send(new DeleteApiDestinationCommand({ Name: 'app' }));
    const error = await rejection(eb.send(new DescribeApiDestinationCommand({ Name: 'app' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe("Failed to describe the api-destination(s). An api-destination 'app' does not exist.");
  });

  it('is INACTIVE while its connection is not authorized', async () => {
    const created = await eventBridge(aws).send(
      new CreateApiDestinationCommand({
        Name: 'inactive',
        ConnectionArn: oauthConnectionArn,
        InvocationEndpoint: 'https://app.example.com/events',
        HttpMethod: 'POST',
      }),
    );
    expect(created.ApiDestinationState).toBe('INACTIVE');
  });

  it('refuses a duplicate, a missing connection and missing destinations', async () => {
    const eb = eventBridge(aws);
    const input = { Name: 'once', ConnectionArn: connectionArn, InvocationEndpoint: 'https://app.example.com/', HttpMethod: 'POST' as const };
    await eb.send(new CreateApiDestinationCommand(input));
    const dup = await rejection(eb.send(new CreateApiDestinationCommand(input)));
    expect(dup).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(dup.message).toBe("An api-destination 'once' already exists.");

    const missingConnection = `arn:aws:events:${REGION}:${ACCOUNT}:connection/ghost/00000000-0000-4000-8000-000000000000`;
    const noConnection = await rejection(eb.send(new CreateApiDestinationCommand({ ...input, Name: 'other', ConnectionArn: missingConnection })));
    expect(noConnection).toBeInstanceOf(ResourceNotFoundException);
    expect(noConnection.message).toBe("Connection 'ghost' does not exist.");

    const update = await rejection(eb.send(new UpdateApiDestinationCommand({ Name: 'ghost', HttpMethod: 'GET' })));
    expect(update.message).toBe("An api-destination 'ghost' does not exist.");
    const del = await rejection(eb.send(new DeleteApiDestinationCommand({ Name: 'ghost' })));
    expect(del).toBeInstanceOf(ResourceNotFoundException);
  });

  it('validates the connection ARN, method and rate limit', async () => {
    const error = await rejection(
      eventBridge(aws).send(
        new CreateApiDestinationCommand({
          Name: 'invalid',
          ConnectionArn: 'not-an-arn',
          InvocationEndpoint: 'https://app.example.com/',
          HttpMethod: 'FETCH' as 'POST',
          InvocationRateLimitPerSecond: 0,
        }),
      ),
    );
    expect(error.name).toBe('ValidationException');
    expect(error.message).toMatch(/^3 validation errors detected: Value 'not-an-arn' at 'connectionArn' failed to satisfy constraint: Member must satisfy regular expression pattern: /);
    expect(error.message).toContain(
      "Value 'FETCH' at 'httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [HEAD, POST, PATCH, DELETE, PUT, GET, OPTIONS]",
    );
    expect(error.message).toContain(
      "Value '0' at 'invocationRateLimitPerSecond' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
  });
});
