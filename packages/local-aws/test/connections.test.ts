import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateConnectionCommand,
  DeleteConnectionCommand,
  DescribeConnectionCommand,
  ListConnectionsCommand,
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  UpdateConnectionCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { ACCOUNT, eventBridge, REGION, rejection, startForTest } from './helpers.js';

const API_KEY_SECRET = 'sk-very-secret-0001';
const PASSWORD = 'hunter2-password';

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('connections', () => {
  it('creates an API_KEY connection that is AUTHORIZED at once and never echoes the key', async () => {
    const eb = eventBridge(aws);
    const created = await eb.send(
      new CreateConnectionCommand({
        Name: 'app-key',
        Description: 'app endpoint key',
        AuthorizationType: 'API_KEY',
        AuthParameters: {
          ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: API_KEY_SECRET },
          InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-secret-header', Value: 'hidden-value', IsValueSecret: true }] },
        },
      }),
    );
    expect(created.ConnectionArn).toMatch(new RegExp(`^arn:aws:events:${REGION}:${ACCOUNT}:connection/app-key/[0-9a-f-]{36}$`));
    expect(created.ConnectionState).toBe('AUTHORIZED');
    expect(created.CreationTime).toBeInstanceOf(Date);

    const described = await eb.send(new DescribeConnectionCommand({ Name: 'app-key' }));
    expect(described).toMatchObject({
      Name: 'app-key',
      ConnectionArn: created.ConnectionArn,
      Description: 'app endpoint key',
      ConnectionState: 'AUTHORIZED',
      AuthorizationType: 'API_KEY',
      AuthParameters: {
        ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' },
        InvocationHttpParameters: { HeaderParameters: [{ Key: 'x-secret-header', IsValueSecret: true }] },
      },
    });
    expect(described.SecretArn).toMatch(
      new RegExp(`^arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:events!connection/app-key/[0-9a-f-]{36}-[a-z0-9]{6}$`),
    );
    expect(JSON.stringify(described)).not.toContain(API_KEY_SECRET);
    expect(JSON.stringify(described)).not.toContain('hidden-value');
  });

  it('creates a BASIC connection showing only the user name', async () => {
    const eb = eventBridge(aws);
    await eb.send(
      new CreateConnectionCommand({
        Name: 'app-basic',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'flow', Password: PASSWORD } },
      }),
    );
    const described = await eb.send(new DescribeConnectionCommand({ Name: 'app-basic' }));
    expect(described.AuthParameters).toEqual({ BasicAuthParameters: { Username: 'flow' } });
    expect(JSON.stringify(described)).not.toContain(PASSWORD);
  });

  it('leaves an OAuth connection AUTHORIZING, as AWS does until it has a token', async () => {
    const created = await eventBridge(aws).send(
      new CreateConnectionCommand({
        Name: 'app-oauth',
        AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
        AuthParameters: {
          OAuthParameters: {
            AuthorizationEndpoint: 'https://auth.example.com/token',
            HttpMethod: 'POST',
            ClientParameters: { ClientID: 'client', ClientSecret: 'client-secret' },
          },
        },
      }),
    );
    expect(created.ConnectionState).toBe('AUTHORIZING');
  });

  it('updates the key (keeping the key name) and lists connections without auth parameters', async () => {
    const eb = eventBridge(aws);
    await eb.send(
      new CreateConnectionCommand({
        Name: 'rotating',
        AuthorizationType: 'API_KEY',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'old' } },
      }),
    );
    const updated = await eb.send(
      new UpdateConnectionCommand({
        Name: 'rotating',
        Description: 'rotated',
        AuthParameters: { ApiKeyAuthParameters: { ApiKeyValue: 'new' } },
      }),
    );
    expect(updated.ConnectionState).toBe('AUTHORIZED');
    expect(updated.LastAuthorizedTime).toBeInstanceOf(Date);
    const described = await eb.send(new DescribeConnectionCommand({ Name: 'rotating' }));
    expect(described.Description).toBe('rotated');
    expect(described.AuthParameters?.ApiKeyAuthParameters?.ApiKeyName).toBe('x-api-key');

    const listed = await eb.send(new ListConnectionsCommand({ NamePrefix: 'rot' }));
    expect(listed.Connections).toHaveLength(1);
    expect(listed.Connections?.[0]).toMatchObject({ Name: 'rotating', AuthorizationType: 'API_KEY', ConnectionState: 'AUTHORIZED' });
    expect(listed.Connections?.[0]).not.toHaveProperty('AuthParameters');
    expect(listed.Connections?.[0]).not.toHaveProperty('SecretArn');
  });

  it('deletes a connection (answering DELETING) and then reports it missing', async () => {
    const eb = eventBridge(aws);
    await eb.send(
      new CreateConnectionCommand({
        Name: 'temporary',
        AuthorizationType: 'BASIC',
        AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
      }),
    );
    const deleted = await eb.send(new DeleteConnectionCommand({ Name: 'temporary' }));
    expect(deleted.ConnectionState).toBe('DELETING');
    const error = await rejection(eb.send(new DescribeConnectionCommand({ Name: 'temporary' })));
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect(error.message).toBe("Failed to describe the connection(s). Connection 'temporary' does not exist.");
    const again = await rejection(eb.send(new DeleteConnectionCommand({ Name: 'temporary' })));
    expect(again).toBeInstanceOf(ResourceNotFoundException);
    const update = await rejection(eb.send(new UpdateConnectionCommand({ Name: 'temporary', Description: 'x' })));
    expect(update).toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a duplicate name', async () => {
    const eb = eventBridge(aws);
    const input = {
      Name: 'dup',
      AuthorizationType: 'BASIC' as const,
      AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
    };
    await eb.send(new CreateConnectionCommand(input));
    const error = await rejection(eb.send(new CreateConnectionCommand(input)));
    expect(error).toBeInstanceOf(ResourceAlreadyExistsException);
    expect(error.message).toBe('Connection dup already exists.');
  });

  it('validates type, header name and value with AWS constraint texts', async () => {
    const eb = eventBridge(aws);
    const badType = await rejection(
      eb.send(
        new CreateConnectionCommand({
          Name: 'bad-type',
          AuthorizationType: 'TOKEN' as 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'k', ApiKeyValue: 'v' } },
        }),
      ),
    );
    expect(badType.message).toBe(
      "1 validation error detected: Value 'TOKEN' at 'authorizationType' failed to satisfy constraint: Member must satisfy enum value set: [BASIC, OAUTH_CLIENT_CREDENTIALS, API_KEY]",
    );
    const badHeader = await rejection(
      eb.send(
        new CreateConnectionCommand({
          Name: 'bad-header',
          AuthorizationType: 'API_KEY',
          AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x:key', ApiKeyValue: 'line\nbreak' } },
        }),
      ),
    );
    expect(badHeader.name).toBe('ValidationException');
    expect(badHeader.message).toMatch(/^2 validation errors detected: Value 'x:key' at 'authParameters\.apiKeyAuthParameters\.apiKeyName'/);
    expect(badHeader.message).toContain("at 'authParameters.apiKeyAuthParameters.apiKeyValue' failed to satisfy constraint");
    const missingBlock = await rejection(
      eb.send(
        new CreateConnectionCommand({
          Name: 'no-block',
          AuthorizationType: 'API_KEY',
          AuthParameters: { BasicAuthParameters: { Username: 'u', Password: 'p' } },
        }),
      ),
    );
    expect(missingBlock.message).toBe('ApiKeyAuthParameters must be specified for AuthorizationType API_KEY.');
  });
});
