/**
 * Fetching the parts loaded on demand ahead of their first use, once the first view is on screen: they
 * then cost the first drawing nothing, and are usually there before anyone selects a node or opens a tab.
 */
import { preloadRunsTab } from '../dock/Dock';
import { preloadNodePanel } from '../panels/PropertyPanel';
import { preloadExpressionEditor } from '../panels/widgets/ExpressionField';
import type { EditorState, EditorStore } from '../store/editor-store';
import { allowValidatorFetch, loadValidator } from '../validation/validator';
import { preloadWorkspaceViews } from '../views/workspace-views';

/** Fetches every part loaded on demand; resolves when all have arrived or failed (a failed one is fetched again when used). */
export async function preloadLazyParts(): Promise<void> {
  await Promise.all([preloadNodePanel(), preloadExpressionEditor(), loadValidator().catch(() => undefined), preloadRunsTab(), preloadWorkspaceViews()]);
}

/** Waits until the page is idle (at most `timeoutMs`), falling back to a timer where there is no idle callback. */
function whenIdle(run: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(run, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
}

/**
 * Preloads the lazy parts after the editor's first view has been drawn: for a flow address, once the
 * flow is loaded and painted; for any other view, once the page is idle. Answers a cancel function.
 */
export function preloadAfterFirstView(editor: EditorStore): () => void {
  let started = false;
  let cancelIdle = () => {};
  const start = () => {
    if (started) return;
    started = true;
    unsubscribe();
    clearTimeout(backstop);
    // Two frames: the one that draws the view, then the first chance after it has been painted.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        allowValidatorFetch();
        cancelIdle = whenIdle(() => void preloadLazyParts(), 2000);
      }),
    );
  };
  const waiting = (s: EditorState) => s.view.kind === 'flow' && s.loadSerial === 0;
  const unsubscribe = editor.subscribe((s) => {
    if (!waiting(s)) start();
  });
  // A flow that never loads (gone, or waiting for a token) does not keep the parts from being fetched.
  const backstop = setTimeout(start, 5000);
  if (!waiting(editor.getState())) start();
  return () => {
    unsubscribe();
    clearTimeout(backstop);
    cancelIdle();
  };
}
