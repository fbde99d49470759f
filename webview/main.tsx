/** The graph editor webview's entry: styles (extracted to main.css by esbuild) and the React root. */
import '@xyflow/react/dist/style.css';
import './styles.css';
import './findAndContrast.css';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';

createRoot(document.getElementById('root')!).render(
  <ErrorBoundary where="graph editor">
    <App />
  </ErrorBoundary>,
);
