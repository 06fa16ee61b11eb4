import { describe, expect, it } from 'vitest';
import { createEmptyFlow } from '@flowbridge/flow-model';
import { createEditorStore } from '../store/editor-store';
import { createNavigation } from './navigation';

describe('navigation', () => {
  it('keeps the view a later navigation chose when an earlier flow load finishes after it', async () => {
    const editor = createEditorStore();
    let finishLoad: () => void = () => {};
    const openFlow = (name: string) =>
      new Promise<boolean>((resolve) => {
        finishLoad = () => {
          editor.getState().load(createEmptyFlow(name), name, null);
          resolve(true);
        };
      });
    window.history.replaceState(null, '', '/flows/ACT_Slow');
    const navigation = createNavigation(editor, { openFlow, saveFlow: async () => true });
    const stop = navigation.startNavigation();
    await navigation.navigate({ kind: 'constants' });
    expect(editor.getState().view.kind).toBe('constants');
    finishLoad();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(editor.getState().view.kind).toBe('constants');
    expect(window.location.pathname).toBe('/constants');
    stop();
  });
});
