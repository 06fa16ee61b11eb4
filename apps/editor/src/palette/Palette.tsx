/** The palette: every activity definition, grouped by category, draggable onto the canvas. */
import type { DragEvent } from 'react';
import { catalogue } from '../catalogue';

export const DRAG_MIME = 'application/x-flowbridge-activity';

export function Palette() {
  const groups = new Map<string, Array<{ kind: string; label: string; icon: string; description: string }>>();
  for (const d of catalogue.activities.values()) {
    const list = groups.get(d.category) ?? [];
    list.push(d);
    groups.set(d.category, list);
  }
  const onDragStart = (event: DragEvent, kind: string) => {
    event.dataTransfer.setData(DRAG_MIME, kind);
    event.dataTransfer.effectAllowed = 'move';
  };
  return (
    <aside className="palette" aria-label="Palette">
      <h2>Activities</h2>
      {[...groups.entries()].map(([category, items]) => (
        <section key={category}>
          <h3>{category}</h3>
          {items.map((d) => (
            <div
              key={d.kind}
              className="palette-item"
              draggable
              data-kind={d.kind}
              title={d.description}
              onDragStart={(e) => onDragStart(e, d.kind)}
            >
              <span className="icon">{d.icon}</span> {d.label}
            </div>
          ))}
        </section>
      ))}
    </aside>
  );
}
