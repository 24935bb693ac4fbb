// Vite config of the designer: React, Monaco workers as ES modules, dev proxy of the API to the runtime.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const runtime = process.env.SLUICE_RUNTIME_URL ?? 'http://localhost:8080';

export default defineConfig(({ command }) => {
  // A build is always the production bundle, even when started from a test runner that set NODE_ENV=test
  // (Vite would otherwise bundle React's development build: slower and 65 KB gzip larger).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    plugins: [react()],
    worker: { format: 'es' },
    build: { outDir: 'dist', chunkSizeWarningLimit: 6000 },
    server: {
      proxy: {
        '/api': { target: runtime, changeOrigin: true },
        '/webhooks': { target: runtime, changeOrigin: true },
        '/health': { target: runtime, changeOrigin: true },
      },
    },
  };
});
