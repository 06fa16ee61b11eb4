import { ReactFlowProvider } from '@xyflow/react';
import { Canvas } from './canvas/Canvas';
import { Palette } from './palette/Palette';
import { PropertyPanel } from './panels/PropertyPanel';
import { RunOutput } from './RunOutput';
import { Toolbar } from './toolbar/Toolbar';

export function App() {
  return (
    <ReactFlowProvider>
      <div className="app">
        <Toolbar />
        <div className="main">
          <Palette />
          <Canvas />
          <PropertyPanel />
        </div>
        <RunOutput />
      </div>
    </ReactFlowProvider>
  );
}
