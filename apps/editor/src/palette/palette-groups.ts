/** The palette's content: activities grouped by category, filtered by a search text. */
import type { ActivityDefinition, Catalogue } from '@flowbridge/flow-model';
import { matchScore } from './activity-search';

/** Categories shown first, in this order; connector categories follow alphabetically. */
const CATEGORY_ORDER = ['Control', 'Variables', 'Logging'];

/** Activities matching `query` (label, kind, category, help text or keywords), grouped by category. Start is never offered: a flow has one. */
export function paletteGroups(catalogue: Catalogue, query: string): Array<{ category: string; items: ActivityDefinition[] }> {
  const groups = new Map<string, ActivityDefinition[]>();
  for (const d of catalogue.activities.values()) {
    if (d.role === 'start') continue;
    if (matchScore(d, query) === 0) continue;
    const list = groups.get(d.category) ?? [];
    list.push(d);
    groups.set(d.category, list);
  }
  const rank = (c: string) => (CATEGORY_ORDER.includes(c) ? CATEGORY_ORDER.indexOf(c) : CATEGORY_ORDER.length);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([category, items]) => ({ category, items }));
}
