import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * The staff console SPA, built to ./dist and served by the Koa service under /console/ (assets from
 * dist/assets, index.html for every other path below /console/). `npm run console:dev` serves it
 * with hot reload on :5173 and proxies /api/console (and its event stream) to the service on :3000
 * (CONSOLE_API to change it); open http://127.0.0.1:5173/console/.
 */
export default defineConfig({
  root: here,
  base: '/console/',
  // brotli and gzip copies of each text file beside it, served as they are (src/http/spa.ts)
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // no inline scripts or data: fonts: the page runs under a CSP of 'self'
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            // loaded only when a case map is shown (CONSOLE_MAP_TILES); its small stylesheet stays with vendor
            { name: 'leaflet', test: /node_modules[\\/]leaflet[\\/].*\.js$/, priority: 3 },
            // React itself, shared by every page; antd and the rest are split by the pages that use
            // them (each page is lazy), so the login page and the first page load only their share
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api/console': { target: process.env.CONSOLE_API ?? 'http://127.0.0.1:3000', changeOrigin: false } },
  },
});
