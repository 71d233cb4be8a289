import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { startPdfWorkerEarly } from './pdf/pdf-engine.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/reader.css';
import './styles/panels.css';
import './styles/library.css';
import './styles/dialogs.css';
import './styles/search.css';
import './styles/exchange.css';
import './styles/export.css';
import './styles/preferences.css';

// Before the first render: the worker's script compiles on its own thread while the app starts.
startPdfWorkerEarly();

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
// Without the bridge (a preload that failed to load) the app cannot do anything: say so.
createRoot(root).render(
  <StrictMode>
    {typeof window.notebook === 'object' ? (
      <App />
    ) : (
      <div className="empty-state reader-empty" role="alert">
        <p className="empty-title">Marginalia could not reach its notebook</p>
        <p>
          The connection to the notebook store is missing. Restart the app; if this persists,
          reinstall it.
        </p>
      </div>
    )}
  </StrictMode>,
);
