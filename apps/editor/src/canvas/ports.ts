/** The outgoing ports a node shows: its declared ports plus the implicit `error` port where allowed. */
import { portsOf, type ActivityDefinition, type Catalogue, type PortDefinition } from '@flowbridge/flow-model';

/** The error port every activity has, except these structural roles (as `validate` rules). */
const NO_ERROR_PORT = new Set(['start', 'end', 'error-end', 'break', 'continue', 'merge']);

export const ERROR_PORT: PortDefinition = { id: 'error', label: 'error' };

/** True when the activity may have an outgoing error edge. */
export function hasErrorPort(definition: ActivityDefinition): boolean {
  return !NO_ERROR_PORT.has(definition.role ?? 'activity');
}

/** The ports drawn on a node, error port last. */
export function visiblePorts(definition: ActivityDefinition, config: Readonly<Record<string, unknown>>, catalogue: Catalogue): PortDefinition[] {
  const ports = [...portsOf(definition, config, catalogue)];
  return hasErrorPort(definition) ? [...ports, ERROR_PORT] : ports;
}

/** The label an edge leaving `port` carries: outcome names on decisions and loops, none on plain `out`. */
export function edgeLabel(definition: ActivityDefinition | undefined, config: Readonly<Record<string, unknown>>, port: string, catalogue: Catalogue): string | undefined {
  if (port === 'out') return undefined;
  if (port === 'error') return 'error';
  const declared = definition ? portsOf(definition, config, catalogue).find((p) => p.id === port) : undefined;
  return declared?.label ?? port;
}
