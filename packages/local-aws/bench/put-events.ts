/**
 * PutEvents throughput and delivery latency of the local EventBridge, measured through the real SDK over HTTP.
 * Run: npx -y pnpm@12.4.2 --filter @flowbridge/local-aws bench   (builds nothing; uses src via tsx)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateApiDestinationCommand,
  CreateConnectionCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { startLocalAws } from '../src/index.js';

const BATCHES = Number(process.env.BENCH_BATCHES ?? 500);
const RULES = 50;

async function main(): Promise<void> {
  let received = 0;
  const app = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/`;

  let retries = 0;
  const aws = await startLocalAws({ port: 0, logger: (line) => (retries += line.includes('retrying in') ? 1 : 0) });
  const eb = new EventBridgeClient({
    region: 'us-east-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const connection = await eb.send(
    new CreateConnectionCommand({
      Name: 'bench',
      AuthorizationType: 'API_KEY',
      AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'bench' } },
    }),
  );
  const destination = await eb.send(
    new CreateApiDestinationCommand({
      Name: 'bench',
      ConnectionArn: connection.ConnectionArn,
      InvocationEndpoint: appUrl,
      HttpMethod: 'POST',
      InvocationRateLimitPerSecond: 100000,
    }),
  );
  // Many rules on the bus, one of which matches: the realistic routing case.
  for (let i = 0; i < RULES; i++) {
    await eb.send(
      new PutRuleCommand({
        Name: `rule-${i}`,
        EventPattern: JSON.stringify({ source: [`bench.${i}`], detail: { total: [{ numeric: ['>', 10] }] } }),
      }),
    );
  }
  await eb.send(new PutTargetsCommand({ Rule: 'rule-0', Targets: [{ Id: 'app', Arn: destination.ApiDestinationArn, RoleArn: 'arn:aws:iam::000000000000:role/bench' }] }));

  const entries = Array.from({ length: 10 }, (_, i) => ({
    Source: 'bench.0',
    DetailType: 'OrderPlaced',
    Detail: JSON.stringify({ orderId: `o-${i}`, total: 50 + i }),
  }));
  for (let i = 0; i < 20; i++) await eb.send(new PutEventsCommand({ Entries: entries })); // warm-up
  await aws.idle();
  received = 0;
  retries = 0;

  const start = process.hrtime.bigint();
  const latencies: number[] = [];
  for (let i = 0; i < BATCHES; i++) {
    const t0 = process.hrtime.bigint();
    await eb.send(new PutEventsCommand({ Entries: entries }));
    latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const putMs = Number(process.hrtime.bigint() - start) / 1e6;
  await aws.idle();
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  latencies.sort((a, b) => a - b);
  const p = (q: number): string => (latencies[Math.floor(q * (latencies.length - 1))] ?? 0).toFixed(2);

  console.log(`PutEvents: ${BATCHES} calls x 10 entries, ${RULES} rules on the bus, 1 matching rule with an API destination target`);
  console.log(`  calls/s ${(BATCHES / (putMs / 1000)).toFixed(0)}, events/s ${((BATCHES * 10) / (putMs / 1000)).toFixed(0)}`);
  console.log(`  call latency ms p50 ${p(0.5)} p95 ${p(0.95)} p99 ${p(0.99)}`);
  console.log(`  ${retries} retries (timeouts or connection errors under load; delivery is at least once)`);
  console.log(`  all ${received} deliveries done after ${totalMs.toFixed(0)} ms (${((received / totalMs) * 1000).toFixed(0)} deliveries/s)`);

  await aws.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
