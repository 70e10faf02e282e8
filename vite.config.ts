import { defineConfig } from 'vite';
import { crx } from '@crxjs/vite-plugin';
import { manifestFor, TEST_HOSTS, type Target } from './scripts/lib/manifest.ts';
import { noExposedContentScripts } from './scripts/lib/no-exposed-scripts.ts';
import { bundleModel, modelDirFor } from './scripts/lib/bundle-model.ts';
import { writeTestModel } from './scripts/make-test-model.ts';

// Modes: chrome, firefox (the shipped builds) and chrome-test (fixture hosts pre-granted, for E2E only).
export default defineConfig(({ mode }) => {
  const test = mode.endsWith('-test');
  const target = mode.replace(/-test$/, '') as Target;
  if (target !== 'chrome' && target !== 'firefox') throw new Error(`unknown build mode "${mode}"`);
  const manifest = manifestFor(target, { testHosts: test ? TEST_HOSTS : undefined });
  return {
    define: {
      __TARGET__: JSON.stringify(target),
      __TEST_BUILD__: JSON.stringify(test),
    },
    plugins: [
      crx({ manifest: manifest as never, browser: target }),
      noExposedContentScripts(['src/capture/content-script.ts']),
      // The test model is generated when missing; any other model must be fetched (npm run models).
      bundleModel(modelDirFor(mode), (dir) => {
        if (!dir.endsWith('carryover-test-clip')) throw new Error(`no model at ${dir}: run npm run models, or set CARRYOVER_MODEL=none`);
        writeTestModel(dir);
      }),
    ],
    build: {
      outDir: `dist/${mode}`,
      emptyOutDir: true,
      target: 'es2022',
      // Extension code is read by store reviewers: keep it readable.
      minify: false,
      chunkSizeWarningLimit: 30_000,
      rollupOptions: {
        // Pages that the manifest does not name.
        input: { similar: 'src/options/similar.html', welcome: 'src/options/welcome.html', sidebar: 'src/sidebar/frame.html', ...(target === 'chrome' ? { offscreen: 'src/ml/offscreen.html' } : {}) },
      },
    },
  };
});
