import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served from a custom protocol in Electron and from 127.0.0.1 by the web host:
// relative asset paths work for both.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    target: 'chrome130',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
});
