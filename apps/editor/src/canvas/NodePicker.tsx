/**
 * The searchable list of activities that opens where a connection was dropped on empty canvas; picking
 * one adds it there, connected. Keyboard: type to filter, arrows to move, Enter to pick, Escape to close.
 */
import { useEffect, useRef, useState } from 'react';
import type { ActivityDefinition, Catalogue } from '@flowbridge/flow-model';
import { searchActivities } from '../palette/activity-search';

/** Rows shown at once; the search narrows the rest down. */
const MAX_ROWS = 12;

export interface NodePickerProps {
  catalogue: Catalogue;
  /** Where it opens, in pixels relative to the canvas. */
  at: { left: number; top: number };
  onPick(definition: ActivityDefinition): void;
  onClose(): void;
}

export function NodePicker({ catalogue, at, onPick, onClose }: NodePickerProps) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const matches = searchActivities(catalogue, query).slice(0, MAX_ROWS);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => setActive(0), [query]);
  return (
    <div className="node-picker" role="dialog" aria-label="Add a connected activity" style={{ left: at.left, top: at.top }} onPointerDown={(e) => e.stopPropagation()}>
      <input
        ref={input}
        type="search"
        aria-label="Search activities to add"
        placeholder="Add activity… (e.g. send event, if)"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onBlur={(e) => {
          // Clicking a row moves the focus into the picker; leaving it altogether closes it.
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) onClose();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onClose();
          else if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && matches[active]) onPick(matches[active]!);
          else return;
          e.preventDefault();
        }}
      />
      <ul role="listbox" aria-label="Activities">
        {matches.length === 0 && <li className="hint">No activity matches "{query}".</li>}
        {matches.map((d, i) => (
          <li key={d.kind} role="option" aria-selected={i === active} data-kind={d.kind} tabIndex={-1} onMouseEnter={() => setActive(i)} onClick={() => onPick(d)}>
            <span className="icon" aria-hidden>
              {d.icon}
            </span>{' '}
            {d.label} <small>{d.category}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}
