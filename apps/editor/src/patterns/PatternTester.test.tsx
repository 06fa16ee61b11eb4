import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { PatternTester } from './PatternTester';
import { installedConnectors } from '../connectors';

afterEach(cleanup);

// The tester as an installed connector declares it: its pattern comes from the connector, not the editor.
const slot = installedConnectors.flatMap((c) => c.editor?.activityPanels ?? []).find((s) => s.panel === 'event-pattern-tester')!;
const derived = (config: Record<string, unknown>) => slot.pattern!(config);

const event = (detailType: string, source: string) => JSON.stringify({ 'detail-type': detailType, source, detail: {} });
const typeEvent = (text: string) => fireEvent.change(screen.getByLabelText('Event'), { target: { value: text } });

describe('pattern tester', () => {
  it('shows the pattern the node defines and whether an event matches it', () => {
    render(<PatternTester derived={derived({ eventTypes: "['OrderPlaced']", sources: "['shop']" })} />);
    expect(JSON.parse((screen.getByLabelText(/Event pattern/) as HTMLTextAreaElement).value)).toEqual({ 'detail-type': ['OrderPlaced'], source: ['shop'] });
    typeEvent(event('OrderPlaced', 'shop'));
    expect(screen.getByTestId('pattern-verdict').textContent).toContain('Matches');
    typeEvent(event('OrderShipped', 'shop'));
    expect(screen.getByTestId('pattern-verdict').textContent).toContain('No match');
    expect(screen.getByTestId('deciding-field').textContent).toBe('detail-type');
  });

  it('says when the event types are computed, and tests a pasted pattern instead', () => {
    render(<PatternTester derived={derived({ eventTypes: '$Types' })} />);
    expect(screen.getByTestId('pattern-computed-note').textContent).toContain('Event types is computed when the flow runs');
    fireEvent.change(screen.getByLabelText(/Event pattern/), { target: { value: '{"source": ["shop"]}' } });
    typeEvent(event('Anything', 'shop'));
    expect(screen.getByTestId('pattern-verdict').textContent).toContain('Matches');
  });

  it('shows an invalid pattern message inline', () => {
    render(<PatternTester derived={derived({ eventTypes: "['A']" })} />);
    fireEvent.change(screen.getByLabelText(/Event pattern/), { target: { value: '{"source": "shop"}' } });
    expect(screen.getByTestId('invalid-pattern').textContent).toContain('Event pattern is not valid');
  });
});
