import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidEventPatternException, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import type { LocalAws } from '../src/index.js';
import { eventBridge, rejection, startForTest } from './helpers.js';

interface PatternCase {
  id: string;
  pattern: unknown;
  event: unknown;
  expect: boolean | 'invalid';
  why: string;
}

/** The public sample cases are event-pattern's test fixture, inside this repository. */
const casesFile = fileURLToPath(new URL('../../event-pattern/test/fixtures/event-pattern-cases.json', import.meta.url));
const cases = (JSON.parse(readFileSync(casesFile, 'utf8')) as { cases: PatternCase[] }).cases;

let aws: LocalAws;
beforeAll(async () => {
  aws = await startForTest();
});
afterAll(async () => aws.close());

describe('TestEventPattern on the public sample cases', () => {
  it('has sample cases to run', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  it.each(cases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const call = eventBridge(aws).send(
      new TestEventPatternCommand({ EventPattern: JSON.stringify(c.pattern), Event: JSON.stringify(c.event) }),
    );
    if (c.expect === 'invalid') {
      const error = await rejection(call);
      expect(error).toBeInstanceOf(InvalidEventPatternException);
      expect(error.message).toMatch(/^Event pattern is not valid\. Reason: /);
    } else {
      expect((await call).Result, c.why).toBe(c.expect);
    }
  });
});

describe('TestEventPattern validation', () => {
  const event = { id: '1', account: '111122223333', source: 'a', time: '2026-01-15T12:00:00Z', region: 'eu-west-1', 'detail-type': 'X' };

  it.each([
    ['a plain string', '"just text"'],
    ['an array', '[1,2]'],
    ['an object without the required fields', JSON.stringify({ source: 'a', detail: {} })],
    ['broken JSON', '{nope'],
  ])('refuses %s as the event with ValidationException', async (_what, eventText) => {
    const error = await rejection(eventBridge(aws).send(new TestEventPatternCommand({ EventPattern: '{"source":["a"]}', Event: eventText })));
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('Parameter Event is not valid.');
  });

  it('reports the reason for an invalid pattern', async () => {
    const error = await rejection(
      eventBridge(aws).send(new TestEventPatternCommand({ EventPattern: '{"source":[{"EXISTS":true}]}', Event: JSON.stringify(event) })),
    );
    expect(error.message).toBe('Event pattern is not valid. Reason: Unrecognized match type EXISTS');
  });
});
