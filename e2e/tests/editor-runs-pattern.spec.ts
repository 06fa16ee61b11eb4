import { expect, test } from '@playwright/test';
import { end, openFlow, putFlow, screenshot, start, uniqueName } from './editor-helpers.js';
import { bindEventType, eventOf, putCallbackFlow, sendEvent, setApiKey } from './editor-runs-helpers.js';

test.use({ viewport: { width: 1440, height: 900 } });

test('the pattern tester in Route Events To App gives a verdict on a matching and a non-matching event', async ({ page, request }) => {
  const name = uniqueName('ACT_E2E_Route');
  await putFlow(
    request,
    name,
    [
      start(),
      {
        id: 'route',
        kind: 'eventbridge.RouteEventsToApp',
        position: { x: 220, y: 0 },
        config: { eventTypes: "['OrderPlaced', 'OrderShipped']", sources: "['com.example.shop']", ruleName: "'orders'", apiDestination: "'flowbridge-app'" },
      },
      { id: 'computed', kind: 'eventbridge.RouteEventsToApp', position: { x: 220, y: 160 }, config: { eventTypes: "$split('OrderPlaced,OrderShipped', ',')" } },
      end(480, 0),
    ],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'route' },
      { id: 'e2', source: 'route', sourcePort: 'out', target: 'end' },
    ],
  );
  await openFlow(page, name);
  await page.locator('.react-flow__node[data-id="route"]').click();
  const tester = page.getByRole('region', { name: 'Pattern tester' });
  await expect(tester).toBeVisible();
  await expect(tester.getByLabel(/Event pattern/)).toHaveValue(/"detail-type": \[\s*"OrderPlaced",\s*"OrderShipped"\s*\]/);

  const verdict = tester.getByTestId('pattern-verdict');
  await tester.getByLabel('Event', { exact: true }).fill(JSON.stringify(eventOf('OrderShipped', 'com.example.shop', {})));
  await expect(verdict).toContainText('Matches');

  await tester.getByLabel('Event', { exact: true }).fill(JSON.stringify(eventOf('OrderShipped', 'com.example.warehouse', {})));
  await expect(verdict).toContainText('No match');
  await expect(tester.getByTestId('deciding-field')).toHaveText('source');
  await expect(verdict).toContainText('"com.example.warehouse"');
  await screenshot(page, 'editor-pattern-tester');

  // An invalid pattern is explained inline, in EventBridge's words.
  await tester.getByLabel(/Event pattern/).fill('{"source": "com.example.shop"}');
  await expect(tester.getByTestId('invalid-pattern')).toContainText('Event pattern is not valid');

  // A computed list cannot be known before the flow runs; the tester says so.
  await page.locator('.react-flow__node[data-id="computed"]').click();
  await expect(page.getByTestId('pattern-computed-note')).toContainText('Event types is computed when the flow runs');
});

test('the pattern tester picks a recent event from the inbox', async ({ page, request }) => {
  const flow = uniqueName('CB_E2E_Pick');
  const eventType = uniqueName('InvoicePaid');
  await setApiKey(request);
  await putCallbackFlow(request, flow, []);
  await bindEventType(request, eventType, flow);
  await sendEvent(request, eventOf(eventType, 'com.example.billing', { invoice: 9 }));

  const name = uniqueName('ACT_E2E_RoutePick');
  await putFlow(
    request,
    name,
    [start(), { id: 'route', kind: 'eventbridge.RouteEventsToApp', position: { x: 220, y: 0 }, config: { eventTypes: `['${eventType}']`, sources: "['com.example.shop']" } }, end(480, 0)],
    [
      { id: 'e1', source: 'start', sourcePort: 'out', target: 'route' },
      { id: 'e2', source: 'route', sourcePort: 'out', target: 'end' },
    ],
  );
  await openFlow(page, name);
  await page.locator('.react-flow__node[data-id="route"]').click();
  const tester = page.getByRole('region', { name: 'Pattern tester' });
  await tester.getByRole('button', { name: 'Pick a recent event…' }).click();
  const picker = tester.getByLabel('Recent event');
  await picker.selectOption({ label: `${eventType} from com.example.billing (done)` }).catch(async () => {
    // The callback may still be running; any status will do.
    const option = picker.locator('option', { hasText: eventType }).first();
    await picker.selectOption((await option.getAttribute('value'))!);
  });
  await expect(tester.getByLabel('Event', { exact: true })).toHaveValue(/"invoice": 9/);
  // Same type, other source: the source decides.
  await expect(tester.getByTestId('pattern-verdict')).toContainText('No match');
  await expect(tester.getByTestId('deciding-field')).toHaveText('source');
});
