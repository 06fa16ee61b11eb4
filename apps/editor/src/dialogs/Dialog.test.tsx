import { afterEach, describe, expect, it, beforeEach } from 'vitest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { Dialog } from './Dialog';

// Each test gets a fresh editor store, as each mounted editor does.
let store = createEditorStore();
beforeEach(() => {
  store = createEditorStore();
});

afterEach(() => {
  cleanup();
  store.setState({ dialog: null });
});

function askName() {
  return store.getState().ask({
    title: 'New flow',
    input: { label: 'Flow name', value: 'ACT_', check: (v) => (v === 'ACT_' ? 'Type a name after the prefix.' : v === 'ACT_Taken' ? 'A flow named "ACT_Taken" already exists.' : null) },
    buttons: [
      { id: 'cancel', label: 'Cancel' },
      { id: 'ok', label: 'OK', primary: true },
    ],
  });
}

describe('dialog', () => {
  it('keeps OK disabled while the input is refused, with the reason shown', async () => {
    renderInEditor(store, <Dialog />);
    let answer: Promise<unknown> = Promise.resolve();
    act(() => {
      answer = askName();
    });
    const input = await screen.findByLabelText('Flow name');
    fireEvent.change(input, { target: { value: 'ACT_Taken' } });
    expect(screen.getByText('A flow named "ACT_Taken" already exists.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'OK' })).toHaveProperty('disabled', true);
    fireEvent.change(input, { target: { value: 'ACT_Fresh' } });
    fireEvent.click(screen.getByRole('button', { name: 'OK' }));
    await expect(answer).resolves.toEqual({ button: 'ok', value: 'ACT_Fresh' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Escape and Cancel answer null', async () => {
    renderInEditor(store, <Dialog />);
    let answer: Promise<unknown> = Promise.resolve();
    act(() => {
      answer = askName();
    });
    fireEvent.keyDown(await screen.findByRole('dialog'), { key: 'Escape' });
    await expect(answer).resolves.toBeNull();
    act(() => {
      answer = askName();
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    await expect(answer).resolves.toBeNull();
  });

  it('a confirmation answers with the button pressed', async () => {
    renderInEditor(store, <Dialog />);
    let answer: Promise<unknown> = Promise.resolve();
    act(() => {
      answer = store.getState().ask({
        title: 'Delete ACT_A?',
        buttons: [
          { id: 'cancel', label: 'Cancel' },
          { id: 'delete', label: 'Delete', danger: true },
        ],
      });
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete' }));
    await expect(answer).resolves.toEqual({ button: 'delete', value: '' });
  });
});
