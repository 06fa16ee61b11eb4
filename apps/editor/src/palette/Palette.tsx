/** The palette: every activity definition, grouped by category, searchable, draggable onto the canvas. */
import { useState, type DragEvent } from 'react';
import { addNode } from '../document/commands';
import { viewport } from '../canvas/viewport';
import { useEditor, useEditorStore } from '../store/use-editor';
import { paletteGroups } from './palette-groups';

export const DRAG_MIME = 'application/x-flowbridge-activity';

export function Palette() {
  const editor = useEditorStore();
  const catalogue = useEditor((s) => s.catalogue);
  const [query, setQuery] = useState('');
  const groups = paletteGroups(catalogue, query);
  const onDragStart = (event: DragEvent, kind: string) => {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.effectAllowed = 'move';
  };
  // Keyboard users (and a double-click) add the activity at the centre of the canvas.
  const addAtCentre = (kind: string) => {
    const state = editor.getState();
    const definition = state.catalogue.activities.get(kind);
    if (!definition) return;
    const position = viewport()?.centre() ?? { x: 200, y: 200 };
    let created = '';
    state.apply((d) => {
      const result = addNode(d, definition, position);
      created = result.id;
      return result.document;
    });
    state.select([created]);
  };
  return (
    <section className="palette" aria-label="Palette">
      <h2>Toolbox</h2>
      <input className="palette-search" type="search" placeholder="Search activities" aria-label="Search activities" value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.length === 0 && <p className="hint">No activity matches "{query}".</p>}
      {groups.map(({ category, items }) => (
        <section key={category}>
          <h3>{category}</h3>
          {items.map((d) => (
            <div
              key={d.kind}
              className="palette-item"
              role="button"
              tabIndex={0}
              draggable
              data-kind={d.kind}
              title={d.description}
              onDragStart={(e) => onDragStart(e, d.kind)}
              onDoubleClick={() => addAtCentre(d.kind)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') addAtCentre(d.kind);
              }}
            >
              <span className="icon" aria-hidden>
                {d.icon}
              </span>
              <span className="palette-text">
                <span className="palette-label">{d.label}</span>
                <small className="palette-help">{d.description}</small>
              </span>
            </div>
          ))}
        </section>
      ))}
    </section>
  );
}
