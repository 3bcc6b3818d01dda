import { contextBridge, ipcRenderer } from 'electron'
import { createPreloadApi } from './bridge'

// window.twin is the page's only way to the app; nothing else is exposed.
contextBridge.exposeInMainWorld('twin', createPreloadApi(ipcRenderer))
