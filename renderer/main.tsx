import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../assets/article.css';
import { App } from './App';
import './styles/theme.css';
import './styles/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
