import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { buildNotebookApi } from '../../shared/bridge.ts';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_PREFIX,
  METHOD_NAMES,
  type NotebookEvent,
} from '../../shared/contract.ts';

// Exposes exactly the contract's methods plus one event subscription; never ipcRenderer itself.
const api = buildNotebookApi(
  METHOD_NAMES,
  (method, input) => ipcRenderer.invoke(`${IPC_INVOKE_PREFIX}${method}`, input),
  (listener) => {
    const handler = (_event: IpcRendererEvent, payload: NotebookEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
);

contextBridge.exposeInMainWorld('notebook', api);
