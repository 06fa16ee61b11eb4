/**
 * Finding activities by what people type: label, kind, category, help text and the keywords each
 * definition declares ("send event" finds Put Events, "if" finds Decision). Shared by the toolbox and
 * the node picker that opens when a connection is dropped on empty canvas.
 */
import type { ActivityDefinition, Catalogue } from '@flowbridge/flow-model';

/** Longest query considered; a longer paste is cut here rather than slowing every keystroke. */
const MAX_QUERY = 200;

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Splits a camel-cased kind (`core.LogMessage`) into words, so "log message" finds it too. */
function kindWords(kind: string): string {
  return kind.replace(/([a-z0-9])([A-Z])/g, '$1 $2');
}

/**
 * How well `definition` matches `query`: 0 for no match, higher is better. Every query word must start
 * some word of the definition's text; a label or keyword equal to (or starting with) the whole query ranks first.
 */
export function matchScore(definition: ActivityDefinition, query: string): number {
  const wanted = words(query.slice(0, MAX_QUERY));
  if (wanted.length === 0) return 1;
  const keywords = definition.keywords ?? [];
  const haystack = words(`${definition.label} ${kindWords(definition.kind)} ${definition.category} ${definition.description} ${keywords.join(' ')}`);
  if (!wanted.every((w) => haystack.some((h) => h.startsWith(w)))) return 0;
  const phrase = wanted.join(' ');
  const label = words(definition.label).join(' ');
  const phrases = keywords.map((k) => words(k).join(' '));
  if (label === phrase || phrases.includes(phrase)) return 100;
  if (label.startsWith(phrase) || phrases.some((k) => k.startsWith(phrase))) return 50;
  const nameWords = words(`${definition.label} ${keywords.join(' ')}`);
  return wanted.every((w) => nameWords.some((h) => h.startsWith(w))) ? 20 : 10;
}

/** Activities a person can add (never Start: a flow has one) matching `query`, best first, then by label. */
export function searchActivities(catalogue: Catalogue, query: string): ActivityDefinition[] {
  const scored: Array<{ d: ActivityDefinition; score: number }> = [];
  for (const d of catalogue.activities.values()) {
    if (d.role === 'start') continue;
    const score = matchScore(d, query);
    if (score > 0) scored.push({ d, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.d.label.localeCompare(b.d.label)).map((s) => s.d);
}
