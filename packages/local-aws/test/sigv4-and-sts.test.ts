import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListEventBusesCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { LocalAws } from '../src/index.js';
import { ACCOUNT, eventBridge, rejection, startForTest, sts } from './helpers.js';

const ROLE_ARN = 'arn:aws:iam::123456789012:role/FlowbridgeEvents';

let clockOffsetMs = 0;
let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest({ clock: () => Date.now() + clockOffsetMs });
});
afterAll(async () => aws.close());

async function assumeRole(durationSeconds?: number) {
  const out = await sts(aws).send(
    new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'flow-run', ...(durationSeconds ? { DurationSeconds: durationSeconds } : {}) }),
  );
  const c = out.Credentials;
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) throw new Error('AssumeRole returned no credentials');
  return { out, credentials: { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken } };
}

describe('SigV4 on EventBridge (JSON 1.1)', () => {
  it('accepts a request signed with the configured test/test key', async () => {
    const out = await eventBridge(aws).send(new ListEventBusesCommand({}));
    expect(out.EventBuses?.map((b) => b.Name)).toContain('default');
  });

  it('rejects a wrong secret with InvalidSignatureException (400)', async () => {
    const error = await rejection(eventBridge(aws, { accessKeyId: 'test', secretAccessKey: 'wrong' }).send(new ListEventBusesCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an unknown access key with UnrecognizedClientException (400)', async () => {
    const error = await rejection(eventBridge(aws, { accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'test' }).send(new ListEventBusesCommand({})));
    expect(error.name).toBe('UnrecognizedClientException');
    expect(error.message).toBe('The security token included in the request is invalid.');
    expect(error.$metadata?.httpStatusCode).toBe(400);
  });

  it('rejects an unsigned request with MissingAuthenticationTokenException', async () => {
    const res = await fetch(`${aws.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListEventBuses' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ __type: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
  });

  it('rejects a body altered after signing', async () => {
    const client = eventBridge(aws);
    let tampered = false;
    type Args = { request: { body?: unknown } };
    const tamper = (next: (args: Args) => Promise<unknown>) => async (args: Args) => {
      const text = new TextDecoder().decode(args.request.body as Uint8Array);
      if (text.includes('"s"')) {
        args.request.body = text.replace('"s"', '"t"');
        tampered = true;
      }
      return next(args);
    };
    client.middlewareStack.addRelativeTo(tamper as unknown as Parameters<typeof client.middlewareStack.addRelativeTo>[0], {
      relation: 'after',
      toMiddleware: 'httpSigningMiddleware',
      name: 'tamperAfterSigning',
    });
    const error = await rejection(client.send(new PutEventsCommand({ Entries: [{ Source: 's', DetailType: 'd', Detail: '{}' }] })));
    expect(tampered).toBe(true);
    expect(error.name).toBe('InvalidSignatureException');
  });

  it('accepts any key when acceptAnyCredentials is set', async () => {
    const open = await startForTest({ acceptAnyCredentials: true });
    try {
      const out = await eventBridge(open, { accessKeyId: 'anything', secretAccessKey: 'whatever' }).send(new ListEventBusesCommand({}));
      expect(out.EventBuses?.length).toBe(1);
    } finally {
      await open.close();
    }
  });

  it('accepts configured credentials and no longer the default ones', async () => {
    const custom = await startForTest({ credentials: [{ accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' }] });
    try {
      await eventBridge(custom, { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local-secret' }).send(new ListEventBusesCommand({}));
      const error = await rejection(eventBridge(custom).send(new ListEventBusesCommand({})));
      expect(error.name).toBe('UnrecognizedClientException');
    } finally {
      await custom.close();
    }
  });
});

describe('STS (Query protocol)', () => {
  it('GetCallerIdentity reports the account root for the static key', async () => {
    const out = await sts(aws).send(new GetCallerIdentityCommand({}));
    expect(out).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root`, UserId: ACCOUNT });
  });

  it('AssumeRole issues session credentials that EventBridge accepts', async () => {
    const { out, credentials } = await assumeRole();
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(out.AssumedRoleUser?.Arn).toBe('arn:aws:sts::123456789012:assumed-role/FlowbridgeEvents/flow-run');
    expect(out.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:flow-run$/);
    const expiresIn = (out.Credentials?.Expiration?.getTime() ?? 0) - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000 + clockOffsetMs + 1000);

    const put = await eventBridge(aws, credentials).send(
      new PutEventsCommand({ Entries: [{ Source: 'app', DetailType: 'Ping', Detail: '{}' }] }),
    );
    expect(put.FailedEntryCount).toBe(0);
    const who = await sts(aws, credentials).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:sts::123456789012:assumed-role/FlowbridgeEvents/flow-run');
    expect(who.Account).toBe('123456789012');
  });

  it('session credentials with a wrong session token are rejected', async () => {
    const { credentials } = await assumeRole();
    const error = await rejection(
      eventBridge(aws, { ...credentials, sessionToken: 'not-the-token' }).send(new ListEventBusesCommand({})),
    );
    expect(error.name).toBe('UnrecognizedClientException');
  });

  it('expired session credentials get ExpiredTokenException from EventBridge and ExpiredToken from STS', async () => {
    const { credentials } = await assumeRole(900);
    clockOffsetMs = 901_000;
    try {
      const fromEvents = await rejection(eventBridge(aws, credentials).send(new ListEventBusesCommand({})));
      expect(fromEvents.name).toBe('ExpiredTokenException');
      expect(fromEvents.message).toBe('The security token included in the request is expired');
      expect(fromEvents.$metadata?.httpStatusCode).toBe(400);
      const fromSts = await rejection(sts(aws, credentials).send(new GetCallerIdentityCommand({})));
      expect(fromSts.name).toBe('ExpiredToken');
      expect(fromSts.$metadata?.httpStatusCode).toBe(403);
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('rejects a wrong secret with SignatureDoesNotMatch (403)', async () => {
    const error = await rejection(sts(aws, { accessKeyId: 'test', secretAccessKey: 'nope' }).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.$metadata?.httpStatusCode).toBe(403);
  });

  it('rejects an unknown key with InvalidClientTokenId (403)', async () => {
    const error = await rejection(sts(aws, { accessKeyId: 'AKIDNOBODY', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('InvalidClientTokenId');
    expect(error.message).toBe('The security token included in the request is invalid.');
    expect(error.$metadata?.httpStatusCode).toBe(403);
  });

  it('validates AssumeRole parameters with ValidationError', async () => {
    const badName = await rejection(sts(aws).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'has space' })));
    expect(badName.name).toBe('ValidationError');
    expect(badName.message).toBe(
      "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
    );
    const short = await rejection(
      sts(aws).send(new AssumeRoleCommand({ RoleArn: ROLE_ARN, RoleSessionName: 'ok', DurationSeconds: 60 })),
    );
    expect(short.message).toBe(
      "1 validation error detected: Value '60' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900",
    );
    const notRole = await rejection(
      sts(aws).send(new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::123456789012:user/bob', RoleSessionName: 'ok' })),
    );
    expect(notRole.name).toBe('AccessDenied');
    expect(notRole.message).toBe(
      'User: arn:aws:iam::000000000000:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:user/bob',
    );
    expect(notRole.$metadata?.httpStatusCode).toBe(403);
  });

  it('answers malformed role ARNs with AWS’s words: "<arn> is invalid"', async () => {
    for (const arn of ['nothing-valid-in-here', 'arn::b:::something/test-role', 'arn:a::::something/test-role', 'arn:a:::something/test-role', 'arn:a:a::aaaaaaaaaa:']) {
      const error = await rejection(sts(aws).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'Session1' })));
      expect(error.name).toBe('ValidationError');
      expect(error.message).toBe(`${arn} is invalid`);
      expect(error.$metadata?.httpStatusCode).toBe(400);
    }
    const both = await rejection(sts(aws).send(new AssumeRoleCommand({ RoleArn: 'arn:short', RoleSessionName: 'a' })));
    expect(both.message).toBe(
      "2 validation errors detected: Value 'arn:short' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; " +
        "Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2",
    );
  });
});

describe('clock handling', () => {
  it('after a test moves the service clock forward, requests signed with either clock are accepted', async () => {
    clockOffsetMs = 2 * 3600_000;
    try {
      await expect(eventBridge(aws).send(new ListEventBusesCommand({}))).resolves.toBeDefined();
      const movedClient = eventBridge(aws);
      movedClient.config.systemClockOffset = clockOffsetMs;
      await expect(movedClient.send(new ListEventBusesCommand({}))).resolves.toBeDefined();
    } finally {
      clockOffsetMs = 0;
    }
  });

  it('a request signed more than 15 minutes ago is refused as expired', async () => {
    const client = eventBridge(aws);
    // The SDK corrects its clock from the server's Date header; a fixed skew offset simulates a wrong client clock.
    client.config.systemClockOffset = -20 * 60_000;
    const error = await rejection(client.send(new ListEventBusesCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z/);
  });
});
