/** What the editor knows about the workspace: its flows (with signatures), constants, and the catalogue they extend. */
import type { StateCreator } from 'zustand';
import { withConstants, withFlows, type Catalogue, type ConstantDefinition, type FlowSignature } from '@flowbridge/flow-model';
import { api, type ConstantInfo, type FlowSummary } from '../api/client';
import { baseCatalogue } from '../connectors';
import type { EditorState } from './editor-store';

export interface WorkspaceSlice {
  flows: FlowSummary[];
  constants: ConstantInfo[];
  /** The activity catalogue plus the workspace's flows and constants (for Call Flow and constant checks). */
  catalogue: Catalogue;
  setFlows(flows: FlowSummary[]): void;
  setConstants(constants: ConstantInfo[]): void;
  refreshFlows(): Promise<void>;
  refreshConstants(): Promise<void>;
}

/** The base catalogue extended with what the server told us about flows and constants. */
export function workspaceCatalogue(flows: readonly FlowSummary[], constants: readonly ConstantInfo[] | null): Catalogue {
  const signatures = new Map<string, FlowSignature>(
    flows.map((f) => [f.name, { name: f.name, parameters: f.parameters, ...(f.returnType ? { returnType: f.returnType } : {}) }]),
  );
  let catalogue = flows.length ? withFlows(baseCatalogue, signatures) : baseCatalogue;
  if (constants) catalogue = withConstants(catalogue, new Map<string, ConstantDefinition>(constants.map((c) => [c.name, { name: c.name, secret: c.secret, ...(c.type ? { type: c.type } : {}), ...(c.description ? { description: c.description } : {}) }])));
  return catalogue;
}

export const createWorkspaceSlice: StateCreator<EditorState, [], [], WorkspaceSlice> = (set, get) => {
  let constantsKnown = false;
  const rebuild = () => {
    set({ catalogue: workspaceCatalogue(get().flows, constantsKnown ? get().constants : null) });
    get().revalidate();
  };
  return {
    flows: [],
    constants: [],
    catalogue: baseCatalogue,
    setFlows: (flows) => {
      set({ flows: [...flows].sort((a, b) => a.name.localeCompare(b.name)) });
      rebuild();
    },
    setConstants: (constants) => {
      constantsKnown = true;
      set({ constants });
      rebuild();
    },
    refreshFlows: async () => get().setFlows(await api.listFlows()),
    refreshConstants: async () => {
      try {
        get().setConstants(await api.listConstants());
      } catch {
        // An older server has no constants API; constant names are then simply not checked.
      }
    },
  };
};
