/// <reference types="vite/client" />
import type { NotebookApi } from '../../shared/contract.ts';

declare global {
  interface Window {
    /** Built by the preload (or the test harness) from the contract; the renderer's only door out. */
    notebook: NotebookApi;
  }
}
