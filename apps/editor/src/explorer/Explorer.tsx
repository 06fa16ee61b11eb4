/** The explorer: the workspace's flows grouped by prefix, with create/rename/duplicate/delete; constants; event inbox. */
import { useState } from 'react';
import type { FlowSummary } from '../api/client';
import { useEditor } from '../store/use-editor';
import { groupFlows } from '../workspace/grouping';
import { useActions } from '../app/use-actions';

/** `CB_Order(HttpRequest: HttpRequest) → Boolean`, then the description: what a hover over a flow shows. */
export function signatureOf(flow: FlowSummary): string {
  const parameters = flow.parameters.map((p) => `${p.name}: ${p.type}`).join(', ');
  const signature = `${flow.name}(${parameters})${flow.returnType ? ` → ${flow.returnType}` : ''}`;
  return flow.description ? `${signature}\n${flow.description}` : signature;
}

export function Explorer() {
  const { navigate, createFlow, deleteFlow, duplicateFlow, renameFlow, findUsages } = useActions();
  const [menu, setMenu] = useState<{ flow: string; x: number; y: number } | null>(null);
  const flows = useEditor((s) => s.flows);
  const openName = useEditor((s) => s.flowName);
  const dirty = useEditor((s) => s.dirty);
  const view = useEditor((s) => s.view);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const shown = filter ? flows.filter((f) => f.name.toLowerCase().includes(filter.toLowerCase())) : flows;
  const toggle = (prefix: string) => {
    const next = new Set(collapsed);
    if (next.has(prefix)) next.delete(prefix);
    else next.add(prefix);
    setCollapsed(next);
  };
  return (
    <nav className="explorer" aria-label="Explorer">
      <div className="explorer-head">
        <h2>Flows</h2>
        <button type="button" onClick={() => void createFlow()} title="Create a new flow">
          + New flow
        </button>
      </div>
      <input type="search" aria-label="Filter flows" placeholder="Filter flows" value={filter} onChange={(e) => setFilter(e.target.value)} />
      {flows.length === 0 && <p className="hint">No flows yet. Create one, or save the open draft.</p>}
      {groupFlows(shown).map((group) => (
        <section key={group.prefix} className="flow-group">
          <button type="button" className="group-title" aria-expanded={!collapsed.has(group.prefix)} onClick={() => toggle(group.prefix)}>
            {collapsed.has(group.prefix) ? '▸' : '▾'} {group.title} <span className="count">{group.flows.length}</span>
          </button>
          {!collapsed.has(group.prefix) && (
            <ul>
              {group.flows.map((f) => (
                <li
                  key={f.name}
                  className={`flow-item${f.name === openName && view.kind === 'flow' ? ' open' : ''}`}
                  data-flow={f.name}
                  onContextMenu={(e) => {
                    e.preventDefault();
                    setMenu({ flow: f.name, x: e.clientX, y: e.clientY });
                  }}
                >
                  <a
                    href={`/flows/${encodeURIComponent(f.name)}`}
                    title={signatureOf(f)}
                    onClick={(e) => {
                      e.preventDefault();
                      void navigate({ kind: 'flow', name: f.name });
                    }}
                  >
                    {f.name}
                    {f.name === openName && dirty && <span className="dirty-marker" title="Unsaved changes"> ●</span>}
                  </a>
                  {f.problemCount > 0 && (
                    <span className="problem-count" title={`${f.problemCount} problem(s)`}>
                      {f.problemCount}
                    </span>
                  )}
                  <span className="flow-actions">
                    <button type="button" aria-label={`Rename ${f.name}`} title="Rename" onClick={() => void renameFlow(f.name)}>
                      ✎
                    </button>
                    <button type="button" aria-label={`Duplicate ${f.name}`} title="Duplicate" onClick={() => void duplicateFlow(f.name)}>
                      ⧉
                    </button>
                    <button type="button" aria-label={`Delete ${f.name}`} title="Delete" onClick={() => void deleteFlow(f.name)}>
                      🗑
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <h2>Workspace</h2>
      <ul className="workspace-links">
        <li className={view.kind === 'constants' ? 'open' : ''}>
          <a href="/constants" onClick={(e) => (e.preventDefault(), void navigate({ kind: 'constants' }))}>
            ⚙ Constants
          </a>
        </li>
        <li className={view.kind === 'inbox' ? 'open' : ''}>
          <a href="/inbox" onClick={(e) => (e.preventDefault(), void navigate({ kind: 'inbox' }))}>
            📥 Event inbox
          </a>
        </li>
        <li className={view.kind === 'settings' ? 'open' : ''}>
          <a href="/settings" onClick={(e) => (e.preventDefault(), void navigate({ kind: 'settings' }))}>
            🛠 Settings
          </a>
        </li>
      </ul>
      {menu && <FlowMenu {...menu} close={() => setMenu(null)} actions={{ findUsages, renameFlow, duplicateFlow, deleteFlow }} />}
    </nav>
  );
}

/** The context menu of a flow in the explorer: Find usages, rename, duplicate, delete. */
function FlowMenu({ flow, x, y, close, actions }: { flow: string; x: number; y: number; close(): void; actions: Pick<ReturnType<typeof useActions>, 'findUsages' | 'renameFlow' | 'duplicateFlow' | 'deleteFlow'> }) {
  const run = (action: () => Promise<void>) => {
    close();
    void action();
  };
  return (
    <div className="context-menu-backdrop" onClick={close} onContextMenu={(e) => (e.preventDefault(), close())} onKeyDown={(e) => e.key === 'Escape' && close()}>
      <ul className="context-menu" role="menu" aria-label={`${flow} actions`} style={{ left: x, top: y }} onClick={(e) => e.stopPropagation()}>
        <li role="menuitem" tabIndex={0} autoFocus onClick={() => run(() => actions.findUsages({ kind: 'flow', name: flow }))}>
          Find usages <kbd>Shift+F12</kbd>
        </li>
        <li role="menuitem" tabIndex={-1} onClick={() => run(() => actions.renameFlow(flow))}>
          Rename…
        </li>
        <li role="menuitem" tabIndex={-1} onClick={() => run(() => actions.duplicateFlow(flow))}>
          Duplicate…
        </li>
        <li role="menuitem" tabIndex={-1} onClick={() => run(() => actions.deleteFlow(flow))}>
          Delete…
        </li>
      </ul>
    </div>
  );
}
