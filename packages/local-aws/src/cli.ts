#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { startLocalAws } from './local-aws.js';

const USAGE = `Usage: flowbridge-local-aws [--port 4566] [--host 127.0.0.1] [--region us-east-1] [--account 000000000000]
                            [--state-file path.json] [--accept-any-credentials] [--retry-base-ms 300]
Credentials default to test/test; set LOCAL_AWS_ACCESS_KEY_ID and LOCAL_AWS_SECRET_ACCESS_KEY to change them.
State is kept per account and region: the region comes from each request's signature, the account from its
access key (--account for the configured key, a 12-digit key id for itself); --region serves unsigned calls.`;

function fail(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) fail(`--${name} must be a non-negative integer, got "${value}".`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    // `pnpm start -- --port 4566` may hand the script a literal `--` first.
    const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        region: { type: 'string' },
        account: { type: 'string' },
        'state-file': { type: 'string' },
        'accept-any-credentials': { type: 'boolean' },
        'retry-base-ms': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    fail((e as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const accessKeyId = process.env.LOCAL_AWS_ACCESS_KEY_ID;
  const secretAccessKey = process.env.LOCAL_AWS_SECRET_ACCESS_KEY;
  const localAws = await startLocalAws({
    port: integer('port', values.port ?? process.env.LOCAL_AWS_PORT, 4566),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.region !== undefined ? { region: values.region } : {}),
    ...(values.account !== undefined ? { accountId: values.account } : {}),
    ...(values['state-file'] !== undefined ? { stateFile: values['state-file'] } : {}),
    ...(accessKeyId && secretAccessKey ? { credentials: [{ accessKeyId, secretAccessKey }] } : {}),
    acceptAnyCredentials: values['accept-any-credentials'] === true,
    retryBaseMs: integer('retry-base-ms', values['retry-base-ms'], 300),
    logger: (line) => process.stdout.write(`${new Date().toISOString()} ${line}\n`),
  });
  const stop = (): void => {
    localAws.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`local AWS failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
