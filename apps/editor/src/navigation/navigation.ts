/**
 * Keeps the URL and the open flow in step: navigating pushes a history entry, back/forward and reload
 * open what the URL names, and leaving a flow with unsaved changes asks first.
 */
import { createEmptyFlow } from '@flowbridge/flow-model';
import { parseRoute, routePath, type Route } from './routes';
import type { EditorStore } from '../store/editor-store';

/** What navigation calls in other action modules (bound by createEditorApp). */
export interface NavigationDeps {
  openFlow(name: string): Promise<boolean>;
  saveFlow(): Promise<boolean>;
}

/** URL navigation for one editor. */
export function createNavigation(editor: EditorStore, { openFlow, saveFlow }: NavigationDeps) {
  const store = () => editor.getState();
  /** The path the editor shows; differs from the address bar only while a back/forward waits for an answer. */
  let currentPath = '/';
  /** Counts shows, so a slow flow load finishing after a later navigation does not take the view back. */
  let showCount = 0;

  /** True when going to `route` would replace the open document. */
  function leavesDocument(route: Route): boolean {
    const { flowName } = store();
    if (route.kind === 'flow') return route.name !== flowName;
    if (route.kind === 'draft') return flowName !== null;
    return false;
  }

  /** Asks what to do with unsaved changes; true when it is fine to go on. */
  async function confirmLeave(): Promise<boolean> {
    if (!store().dirty) return true;
    const answer = await store().ask({
      title: 'Unsaved changes',
      message: `"${store().document.name}" has changes that are not saved.`,
      buttons: [
        { id: 'cancel', label: 'Stay' },
        { id: 'discard', label: 'Discard changes', danger: true },
        { id: 'save', label: 'Save', primary: true },
      ],
    });
    if (answer?.button === 'save') return saveFlow();
    return answer?.button === 'discard';
  }

  /** Shows what `route` names (without touching the URL). */
  async function show(route: Route): Promise<void> {
    const mine = ++showCount;
    switch (route.kind) {
      case 'flow':
        if (route.name !== store().flowName) await openFlow(route.name);
        if (mine !== showCount) return;
        store().setView({ kind: 'flow' });
        break;
      case 'draft':
        if (store().flowName !== null) store().load(createEmptyFlow('ACT_NewFlow'), null);
        store().setView({ kind: 'flow' });
        break;
      case 'constants':
        store().setView({ kind: 'constants' });
        void store().refreshConstants();
        break;
      case 'inbox':
        store().setView({ kind: 'inbox' });
        break;
      case 'welcome':
        store().setView({ kind: 'welcome' });
        break;
      case 'settings':
        store().setView({ kind: 'settings' });
        break;
    }
  }

  /** Goes to `route`, asking first when unsaved changes would be lost (unless `force`). */
  async function navigate(route: Route, options: { replace?: boolean; force?: boolean } = {}): Promise<boolean> {
    if (!options.force && leavesDocument(route) && !(await confirmLeave())) return false;
    const path = routePath(route);
    if (path !== window.location.pathname) {
      if (options.replace) window.history.replaceState(null, '', path);
      else window.history.pushState(null, '', path);
    }
    currentPath = path;
    await show(route);
    return true;
  }

  /** Starts following the URL: opens what it names now and on every back/forward. */
  function startNavigation(): () => void {
    currentPath = window.location.pathname;
    const onPop = () => {
      const target = window.location.pathname;
      const route = parseRoute(target);
      if (leavesDocument(route) && store().dirty) {
        // The browser has already moved; put the old URL back until the person decides.
        window.history.pushState(null, '', currentPath);
        void confirmLeave().then((ok) => {
          if (!ok) return;
          window.history.replaceState(null, '', target);
          currentPath = target;
          void show(route);
        });
        return;
      }
      currentPath = target;
      void show(route);
    };
    const onUnload = (event: BeforeUnloadEvent) => {
      if (store().dirty) event.preventDefault();
    };
    window.addEventListener('popstate', onPop);
    window.addEventListener('beforeunload', onUnload);
    void show(parseRoute(window.location.pathname));
    return () => {
      window.removeEventListener('popstate', onPop);
      window.removeEventListener('beforeunload', onUnload);
    };
  }

  return { confirmLeave, navigate, startNavigation };
}
