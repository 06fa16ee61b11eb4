/**
 * The page shown when no flow is open (`/`): what the workspace contains, three things to try with the
 * example workspace, and links to the user guide the server serves at /guide/.
 */
import type { FlowSummary } from '../api/client';
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';
import { groupFlows } from '../workspace/grouping';

/** The flows of the example workspace the "things to try" refer to. */
const EXAMPLE = { action: 'ACT_PutEvents', callback: 'CB_OrderPlaced', startup: 'ASU_System' } as const;

function FlowLink({ flow }: { flow: string }) {
  const { navigate } = useActions();
  return (
    <button type="button" className="link" onClick={() => void navigate({ kind: 'flow', name: flow })}>
      {flow}
    </button>
  );
}

function Contents({ flows }: { flows: readonly FlowSummary[] }) {
  if (flows.length === 0) return <p className="hint">The workspace has no flows yet. Create one with "+ New flow" in the explorer, or start a draft below.</p>;
  return (
    <dl className="welcome-contents">
      {groupFlows(flows).map((group) => (
        <div key={group.prefix}>
          <dt>{group.title}</dt>
          {group.flows.map((f) => (
            <dd key={f.name}>
              <FlowLink flow={f.name} /> {f.description && <span className="hint">— {f.description}</span>}
              {f.problemCount > 0 && <span className="field-problem"> ({f.problemCount} problem(s))</span>}
            </dd>
          ))}
        </div>
      ))}
    </dl>
  );
}

export function WelcomeView() {
  const { navigate } = useActions();
  const flows = useEditor((s) => s.flows);
  const has = (name: string) => flows.some((f) => f.name === name);
  const example = has(EXAMPLE.action) && has(EXAMPLE.callback);
  return (
    <section className="view welcome-view" aria-label="Welcome">
      <h1>Welcome to Flowbridge</h1>
      <p>Draw flows, run them on the server, and answer EventBridge events with callback flows — exactly once per event.</p>
      <h2>This workspace</h2>
      <Contents flows={flows} />
      <h2>Three things to try</h2>
      <ol className="welcome-steps">
        <li>
          <strong>Send an event.</strong> Open {example ? <FlowLink flow={EXAMPLE.action} /> : 'an ACT_ flow'} and press <kbd>Run ▶</kbd> (or Ctrl+Enter); give it an
          OrderId and a Total above 100. The Runs dock shows what EventBridge answered.
        </li>
        <li>
          <strong>See the callback run.</strong> The event comes back to this app: open {example ? <FlowLink flow={EXAMPLE.callback} /> : 'the CB_ flow bound to its type'} —
          its Runs tab has the run the event started, and the path it took is lit on the canvas. Click a node to see its data.
        </li>
        <li>
          <strong>Open the inbox.</strong>{' '}
          <button type="button" className="link" onClick={() => void navigate({ kind: 'inbox' })}>
            The event inbox
          </button>{' '}
          lists every event received, what became of it, and lets you look at, replay, park or delete one.
        </li>
      </ol>
      {has(EXAMPLE.startup) && (
        <p className="hint">
          <FlowLink flow={EXAMPLE.startup} /> runs at every start: it registers the app and routes OrderPlaced events to {EXAMPLE.callback}.
        </p>
      )}
      <p>
        <button type="button" onClick={() => void navigate({ kind: 'draft' })}>
          Start a new flow
        </button>
      </p>
      <h2>The guide</h2>
      <ul>
        <li>
          <a href="/guide/" target="_blank" rel="noreferrer">
            User guide
          </a>{' '}
          — concepts, the example workspace, the event endpoint
        </li>
        <li>
          <a href="/guide/editor.md" target="_blank" rel="noreferrer">
            The editor
          </a>{' '}
          — inserting nodes, layout, runs, last-run data, expression preview, the inbox
        </li>
        <li>
          <a href="/guide/concepts.md" target="_blank" rel="noreferrer">
            Concepts
          </a>{' '}
          — flows, variables, expressions, callbacks
        </li>
      </ul>
    </section>
  );
}
