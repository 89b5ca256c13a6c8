import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

const alias = { '@shared': resolve(import.meta.dirname, 'shared') };

/** The Electron main process's tests mock the `electron` module (README "Testing"). */
const MOCKS_MODULES = ['electron/main/**/*.test.ts'];

export default defineConfig({
  resolve: { alias },
  test: {
    // One worker per core: vitest's own default leaves a core to its main thread, which is
    // half the machine on two cores (README "Testing").
    maxWorkers: availableParallelism(),
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...MOCKS_MODULES],
          // Test files share each worker's module cache: importing the core again for every
          // file was most of the suite's time. What the tests use is built per test (port 0,
          // fresh folders), never held in module state.
          isolate: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'node-mocks',
          environment: 'node',
          include: MOCKS_MODULES,
        },
      },
      {
        resolve: { alias },
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'happy-dom',
          include: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
          setupFiles: ['renderer/src/test-setup.ts'],
          // Isolated: the window's stores are module singletons.
        },
      },
    ],
  },
});
