import './app/zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'vazirmatn/Vazirmatn-Variable-font-face.css';
import './app/global.css';

// The app is imported only once Zod has been told not to compile parsers (zod-jitless.ts): a static import would
// let the bundler evaluate a chunk that parses before that line runs, and Zod's probe for `new Function` is a
// violation of the page's Content-Security-Policy.
const root = document.getElementById('root');
if (root) {
  void import('./app/App.js').then(({ App }) =>
    createRoot(root).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
