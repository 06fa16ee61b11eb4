/**
 * Panels connectors declare for their activities (`editor.activityPanels` in a manifest), rendered under
 * the node's properties. The host owns the components, chosen by panel id; the connector supplies data.
 */
import type { ReactNode } from 'react';
import type { ActivityPanelSlot, FlowNode } from '@flowbridge/flow-model';
import { activityPanelsOf } from '../connectors';
import { PatternTester } from '../patterns/PatternTester';

type PanelComponent = (props: { slot: ActivityPanelSlot; node: FlowNode }) => ReactNode;

/** The host's panel components by id; a declared panel with an unknown id is not shown. */
const PANELS: Readonly<Record<string, PanelComponent>> = {
  'event-pattern-tester': ({ slot, node }) => (slot.pattern ? <PatternTester derived={slot.pattern(node.config)} /> : null),
};

/** The declared panels of the node's activity kind. */
export function ActivityPanels({ node }: { node: FlowNode }) {
  return (
    <>
      {activityPanelsOf(node.kind).map((slot) => {
        const Panel = PANELS[slot.panel];
        return Panel ? <Panel key={slot.panel} slot={slot} node={node} /> : null;
      })}
    </>
  );
}
