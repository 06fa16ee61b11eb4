import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './App';
import { prefetchFlowOf } from './api/flow-prefetch';

// Before the first render: the flow the address names is on its way while the editor builds its frame.
prefetchFlowOf(window.location.pathname);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
