import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { askRunParameters, RunParametersDialog } from './RunParametersDialog';

afterEach(cleanup);

const specs = [
  { name: 'Count', type: 'Integer' },
  { name: 'Urgent', type: 'Boolean' },
  { name: 'Payload', type: 'JSON' },
];

describe('run parameters dialog', () => {
  it('keeps Run disabled while a value does not read as its type, and says why', async () => {
    render(<RunParametersDialog />);
    let answer: Promise<Record<string, unknown> | null> = Promise.resolve(null);
    act(() => {
      answer = askRunParameters('ACT_Order', specs);
    });
    fireEvent.change(screen.getByLabelText(/^Count/), { target: { value: 'twelve' } });
    expect(screen.getByRole('alert').textContent).toContain('Count must be a whole number');
    expect((screen.getByRole('button', { name: 'Run' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText(/^Count/), { target: { value: '12' } });
    fireEvent.click(screen.getByLabelText(/^Urgent/));
    fireEvent.change(screen.getByLabelText(/^Payload/), { target: { value: '{"a": 1}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Run' }));
    await expect(answer).resolves.toEqual({ Count: 12, Urgent: true, Payload: { a: 1 } });
  });

  it('prefills a past run\'s inputs and answers null on cancel', async () => {
    render(<RunParametersDialog />);
    let answer: Promise<Record<string, unknown> | null> = Promise.resolve({});
    act(() => {
      answer = askRunParameters('ACT_Order', specs, { Count: 7, Urgent: true, Payload: [1] }, 'Inputs of run abc');
    });
    expect((screen.getByLabelText(/^Count/) as HTMLInputElement).value).toBe('7');
    expect((screen.getByLabelText(/^Urgent/) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText('Inputs of run abc')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await expect(answer).resolves.toBeNull();
  });
});
