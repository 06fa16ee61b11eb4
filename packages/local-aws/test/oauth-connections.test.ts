import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  DescribeConnectionCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, INVOKE_ROLE, rejection, startEndpoint, startForTest } from './helpers.js';

interface TokenCall {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A local OAuth token endpoint: answers `status` and issues token-1, token-2, ... */
async function startTokenEndpoint(status = 200) {
  const calls: TokenCall[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(status === 200 ? JSON.stringify({ access_token: `token-${calls.length}`, expires_in: 3600 }) : '{"error":"invalid_client"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/oauth/token`, calls, close: () => new Promise<void>((r) => server.close(() => r())) };
}

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('condition not met within 2 s');
}

async function oauthConnection(name: string, authorizationEndpoint: string, httpMethod = 'POST') {
  return eventBridge(aws).send(
    new CreateConnectionCommand({
      Name: name,
      AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      AuthParameters: {
        OAuthParameters: {
          AuthorizationEndpoint: authorizationEndpoint,
          HttpMethod: httpMethod as 'POST',
          ClientParameters: { ClientID: 'client-1', ClientSecret: 'secret-1' },
          OAuthHttpParameters: {
            BodyParameters: [{ Key: 'grant_type', Value: 'client_credentials' }],
            HeaderParameters: [{ Key: 'x-tenant', Value: 't1' }],
            QueryStringParameters: [{ Key: 'audience', Value: 'orders' }],
          },
        },
      },
    }),
  );
}

describe('OAuth client-credentials connections', () => {
  it('authorize against the token endpoint, and the target receives the bearer token; a 401 re-authorizes', async () => {
    const tokens = await startTokenEndpoint();
    const app = await startEndpoint([401, 200]);
    try {
      const created = await oauthConnection('oauth-ok', tokens.url);
      expect(created.ConnectionState).toBe('AUTHORIZING');
      await until(async () => (await eventBridge(aws).send(new DescribeConnectionCommand({ Name: 'oauth-ok' }))).ConnectionState === 'AUTHORIZED');
      expect(tokens.calls[0]).toMatchObject({ method: 'POST', url: '/oauth/token?audience=orders', body: 'grant_type=client_credentials' });
      expect(tokens.calls[0]!.headers.authorization).toBe(`Basic ${Buffer.from('client-1:secret-1').toString('base64')}`);
      expect(tokens.calls[0]!.headers['x-tenant']).toBe('t1');

      const destination = await eventBridge(aws).send(
        new CreateApiDestinationCommand({ Name: 'oauth-dest', ConnectionArn: created.ConnectionArn, InvocationEndpoint: app.url, HttpMethod: 'POST' }),
      );
      await eventBridge(aws).send(new PutRuleCommand({ Name: 'oauth-rule', EventPattern: '{"source":["oauth.test"]}' }));
      await eventBridge(aws).send(
        new PutTargetsCommand({ Rule: 'oauth-rule', Targets: [{ Id: 'api', Arn: destination.ApiDestinationArn, RoleArn: INVOKE_ROLE }] }),
      );
      await eventBridge(aws).send(new PutEventsCommand({ Entries: [{ Source: 'oauth.test', DetailType: 'd', Detail: '{}' }] }));
      await aws.idle();
      expect(app.received.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect(tokens.calls).toHaveLength(2);
    } finally {
      await app.close();
      await tokens.close();
    }
  });

  it('a token endpoint that refuses the client leaves the connection DEAUTHORIZED', async () => {
    const tokens = await startTokenEndpoint(401);
    try {
      await oauthConnection('oauth-refused', tokens.url);
      await until(async () => (await eventBridge(aws).send(new DescribeConnectionCommand({ Name: 'oauth-refused' }))).ConnectionState === 'DEAUTHORIZED');
      expect(tokens.calls).toHaveLength(1);
    } finally {
      await tokens.close();
    }
  });

  it('accepts a lowercase HttpMethod, as AWS does, and calls the token endpoint with it', async () => {
    const tokens = await startTokenEndpoint();
    try {
      await oauthConnection('oauth-lower', tokens.url, 'put');
      await until(async () => (await eventBridge(aws).send(new DescribeConnectionCommand({ Name: 'oauth-lower' }))).ConnectionState === 'AUTHORIZED');
      expect(tokens.calls[0]?.method).toBe('PUT');
    } finally {
      await tokens.close();
    }
  });

  it('refuses an http AuthorizationEndpoint that is not loopback, and an unknown method with the model’s enum', async () => {
    const plain = await rejection(oauthConnection('oauth-plain', 'http://auth.example.com/token'));
    expect(plain.name).toBe('ValidationException');
    expect(plain.message).toBe(
      'AuthorizationEndpoint http://auth.example.com/token is not valid: use an https:// URL (http:// is accepted only for 127.0.0.1, localhost and ::1).',
    );
    const method = await rejection(oauthConnection('oauth-patch', 'https://auth.example.com/token', 'PATCH'));
    expect(method.message).toBe(
      "1 validation error detected: Value 'PATCH' at 'authParameters.oAuthParameters.httpMethod' failed to satisfy constraint: Member must satisfy enum value set: [GET, POST, PUT]",
    );
  });

  it('requires the client id and secret (ClientParameters) as the model does', async () => {
    const error = await rejection(
      eventBridge(aws).send(
        new CreateConnectionCommand({
          Name: 'oauth-no-client',
          AuthorizationType: 'OAUTH_CLIENT_CREDENTIALS',
          AuthParameters: { OAuthParameters: { AuthorizationEndpoint: 'https://auth.example.com/token', HttpMethod: 'POST' } as never },
        }),
      ),
    );
    expect(error.message).toBe(
      "1 validation error detected: Value null at 'authParameters.oAuthParameters.clientParameters' failed to satisfy constraint: Member must not be null",
    );
  });
});
