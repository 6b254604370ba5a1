// Vite builds the viewer (docs/viewer) into docs/dist/viewer, with relative asset paths so
// the folder works from any static server or sub-path.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('./viewer', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('./dist/viewer', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
  },
});
