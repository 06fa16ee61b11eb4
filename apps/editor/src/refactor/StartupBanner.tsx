/**
 * The start-up health banner: when after-startup flows failed or were refused, or a flow file did not
 * load, it says what, why and what to do, links the flow, and offers to run the after-startup flows now.
 * It polls the server, so it appears and clears without a reload (the server re-runs on save).
 */
import { useEffect } from 'react';
import { useActions } from '../app/use-actions';
import { useEditor } from '../store/use-editor';

/** How often the banner asks the server (the status is cheap to compute). */
export const STARTUP_POLL_MS = 3_000;

export function StartupBanner() {
  const startup = useEditor((s) => s.startup);
  const { refreshStartup, rerunStartup, navigate } = useActions();
  useEffect(() => {
    void refreshStartup();
    const timer = setInterval(() => void refreshStartup(), STARTUP_POLL_MS);
    return () => clearInterval(timer);
  }, [refreshStartup]);
  if (!startup || startup.issues.length === 0) return null;
  return (
    <section className="startup-banner" role="alert" aria-label="Start-up problems">
      <strong>{startup.status === 'failed' ? 'The server is not ready: ' : ''}start-up needs attention</strong>
      <ul>
        {startup.issues.map((issue, i) => (
          <li key={`${issue.flow}-${i}`}>
            <span className="what">{issue.what}</span>
            <span className="why">{issue.why}</span>
            <span className="todo">{issue.todo}</span>
            <a
              href={`/flows/${encodeURIComponent(issue.flow)}`}
              onClick={(e) => {
                e.preventDefault();
                void navigate({ kind: 'flow', name: issue.flow });
              }}
            >
              Open {issue.flow}
            </a>
          </li>
        ))}
      </ul>
      {startup.report && !startup.report.ok && (
        <button type="button" onClick={() => void rerunStartup()}>
          Run after-startup flows now
        </button>
      )}
    </section>
  );
}
