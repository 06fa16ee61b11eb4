import { describe, expect, it } from 'vitest';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { createEditorApp } from './editor-app';

describe('an editor instance', () => {
  it('has its own store, and its actions work on that store only', async () => {
    const first = createEditorApp();
    const second = createEditorApp();
    expect(first.store).not.toBe(second.store);
    first.store.getState().load(createEmptyFlow('not a valid name'), null);
    second.store.getState().setStatus('untouched');

    // An invalid name is refused before any request, so the action's only effect is on its own store.
    expect(await first.actions.saveFlow()).toBe(false);

    expect(first.store.getState().status).toMatch(/^Not saved: /);
    expect(second.store.getState().status).toBe('untouched');
  });
});
