import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import { createEditorStore } from '../store/editor-store';
import { renderInEditor } from '../test-support/render-in-editor';
import { WelcomeView } from './WelcomeView';

afterEach(cleanup);

describe('the welcome page', () => {
  it("lists the workspace's flows and points the three things to try at the example flows", () => {
    const store = createEditorStore();
    store.getState().setFlows([
      { name: 'ACT_PutEvents', description: 'Publishes one OrderPlaced event', parameters: [], problemCount: 0 },
      { name: 'CB_OrderPlaced', parameters: [], problemCount: 0 },
      { name: 'ASU_System', parameters: [], problemCount: 1 },
    ]);
    renderInEditor(store, <WelcomeView />);
    expect(screen.getByText('— Publishes one OrderPlaced event')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'ACT_PutEvents' }).length).toBe(2);
    expect(screen.getAllByRole('button', { name: 'CB_OrderPlaced' }).length).toBeGreaterThanOrEqual(2);
    expect(screen.getByRole('button', { name: 'The event inbox' })).toBeTruthy();
    expect(screen.getByText('(1 problem(s))')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'User guide' }).getAttribute('href')).toBe('/guide/');
  });

  it('says how to begin in an empty workspace', () => {
    renderInEditor(createEditorStore(), <WelcomeView />);
    expect(screen.getByText(/has no flows yet/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Start a new flow' })).toBeTruthy();
  });
});
