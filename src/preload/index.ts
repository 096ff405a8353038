import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './bridge';

// The only thing the renderer gets: `window.api` (invoke + onLocked). Sandboxed, so this file
// is bundled to CommonJS with its imports inlined.
contextBridge.exposeInMainWorld('api', createApi(ipcRenderer));
