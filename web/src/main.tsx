import './styles/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { resumeSession } from './api/session-token';
import { App } from './app/App';

// Ask for the session while React is still starting: the first page needs it before anything else.
void resumeSession();

const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
