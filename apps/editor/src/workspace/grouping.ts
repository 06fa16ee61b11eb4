/** Groups flows in the explorer by their Mendix-style prefix (`ACT_`, `ASU_`, `CB_`, `SUB_`...). */

/** What a prefix means, shown as the group's title. */
export const KNOWN_PREFIXES: Readonly<Record<string, string>> = {
  ACT: 'Actions',
  ASU: 'After startup',
  BSD: 'Before shutdown',
  CB: 'Callbacks',
  SUB: 'Sub-flows',
  VAL: 'Validations',
};

export interface FlowGroup<T> {
  /** The prefix without the underscore, or '' for flows without one. */
  prefix: string;
  title: string;
  flows: T[];
}

/** The prefix of a flow name: the letters before the first underscore, when there are any. */
export function prefixOf(name: string): string {
  const match = /^([A-Za-z0-9]+)_./.exec(name);
  return match?.[1]?.toUpperCase() ?? '';
}

/** Flows grouped by prefix: known prefixes first in a fixed order, then others alphabetically, then the rest. */
export function groupFlows<T extends { name: string }>(flows: readonly T[]): FlowGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const flow of [...flows].sort((a, b) => a.name.localeCompare(b.name))) {
    const prefix = prefixOf(flow.name);
    const list = groups.get(prefix) ?? [];
    list.push(flow);
    groups.set(prefix, list);
  }
  const known = Object.keys(KNOWN_PREFIXES);
  const rank = (p: string) => (p === '' ? 2 : known.includes(p) ? 0 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (rank(a) === 0 ? known.indexOf(a) - known.indexOf(b) : a.localeCompare(b)))
    .map(([prefix, list]) => ({ prefix, title: prefix === '' ? 'Other' : `${prefix}_ · ${KNOWN_PREFIXES[prefix] ?? 'Flows'}`, flows: list }));
}

/**
 * A typed flow name without a doubled prefix: the new-flow dialog starts with `ACT_`, and people who
 * type the whole name get `ACT_ACT_Order`; that becomes `ACT_Order`.
 */
export function withoutDoubledPrefix(name: string): string {
  return name.replace(/^([A-Za-z]{1,10}_)(\1)+/, '$1');
}
