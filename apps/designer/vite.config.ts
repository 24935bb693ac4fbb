// Vite config of the designer: React, Monaco workers as ES modules, dev proxy of the API to the runtime.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const runtime = process.env.SLUICE_RUNTIME_URL ?? 'http://localhost:8080';

export default defineConfig({
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
});
