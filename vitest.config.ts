import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // Every store change is checked against a replay of its journal entry (electron/notebook/
    // store/verify.ts): a change a service forgets to report fails a test, not a user's data.
    env: { MARGINALIA_VERIFY_JOURNAL: '1' },
    // Many tests start worker threads or processes (parsers, compaction, the command line); on a
    // busy 2-core machine 5 s was not always enough. Speed is measured by benchmarks, not here.
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['tests/component/setup.ts'],
        },
      },
    ],
  },
});
