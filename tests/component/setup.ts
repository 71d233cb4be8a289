import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Unmount whatever a test rendered and put the clock back, so no test sees another's DOM or timers.
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  window.getSelection()?.removeAllRanges();
});
