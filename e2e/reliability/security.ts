/** Security promises: key guessing is braked, and no secret shows up anywhere the suite looked. */
import { API_KEY, AWS_SECRET, eventBody, reliabilityServer, sendEvent } from './fixtures.js';
import { soakedServer } from './memory-soak.js';
import { capturedBodies, capturedOutput } from './server-process.js';

export async function bruteForceIsRateLimited(): Promise<string> {
  const server = soakedServer ?? (await reliabilityServer());
  if (!soakedServer) await server.start();
  // A run that handles the AWS secret leaves a trace and log lines for the secret scan to read.
  const run = await server.request('/api/flows/SEC_Credentials/runs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (run.status !== 200) throw new Error(`the credentials flow answered ${run.status}: ${run.text.slice(0, 200)}`);
  const runId = (JSON.parse(run.text) as { id?: string }).id;
  if (runId) await server.request(`/api/runs/${runId}`);
  await server.request('/api/constants');

  const statuses: number[] = [];
  // The same wrong key again and again: lockout counts failures per presented key (and globally), never per address.
  const wrongKey = `guess-${API_KEY.slice(0, 4)}`;
  for (let i = 0; i < 40; i++) statuses.push(await sendEvent(server, eventBody(`guess-${i}`, i), wrongKey));
  const first429 = statuses.indexOf(429);
  const withRightKey = await sendEvent(server, eventBody('after-guessing', 0));
  await server.stop();
  if (statuses.slice(0, 30).some((s) => s !== 401)) throw new Error(`the first 30 wrong keys were not all 401: ${statuses.join(',')}`);
  if (first429 < 0 || statuses.slice(first429).some((s) => s !== 429)) throw new Error(`guessing was not stopped with 429: ${statuses.join(',')}`);
  // EventBridge calls from a few shared addresses: a guesser must never lock out the real deliveries.
  if (withRightKey !== 202) throw new Error(`the right key after guessing was answered ${withRightKey}, not 202`);
  return `401 × ${first429}, then 429 for every further guess with that key; the right key still 202`;
}

export async function secretsNeverLeak(): Promise<string> {
  const output = capturedOutput.join('');
  const bodies = capturedBodies.join('\n');
  const leaks: string[] = [];
  for (const [name, secret] of [['API key', API_KEY], ['AWS secret', AWS_SECRET]] as const) {
    if (output.includes(secret)) leaks.push(`the ${name} is in the server output`);
    if (bodies.includes(secret)) leaks.push(`the ${name} is in an API response body`);
  }
  if (leaks.length > 0) throw new Error(leaks.join('; '));
  if (output.length === 0 || bodies.length === 0) throw new Error('nothing was captured to scan');
  return `scanned ${(output.length / 1e6).toFixed(1)} MB of server output and ${capturedBodies.length} response bodies`;
}

