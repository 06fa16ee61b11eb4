/** Draws a big, zoomed-out flow's edges as a few paths in the viewport's layer (see edge-sheet.ts). */
import { memo } from 'react';
import { ViewportPortal } from '@xyflow/react';
import type { EdgeSheetPaths } from './edge-sheet';

export const EdgeSheet = memo(function EdgeSheet({ paths }: { paths: EdgeSheetPaths }) {
  return (
    <ViewportPortal>
      {/* Zero-sized with visible overflow: the paths are in flow coordinates, the portal's transform places them. */}
      <svg className="edge-sheet" width="1" height="1" aria-hidden data-testid="edge-sheet">
        <path className="edge-sheet-plain" d={paths.plain} />
        <path className="edge-sheet-error" d={paths.error} />
        <path className="edge-sheet-taken" d={paths.taken} />
      </svg>
    </ViewportPortal>
  );
});
