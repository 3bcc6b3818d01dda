import { contextBridge, ipcRenderer, webUtils } from 'electron'
import { createPreloadApi } from './bridge'
import { createFilesBridge } from './files'

// window.twin is the page's only way to the app; window.twinFiles only turns a File the user
// dropped into its path (which the page then asks the app to open). Nothing else is exposed.
contextBridge.exposeInMainWorld('twin', createPreloadApi(ipcRenderer))
contextBridge.exposeInMainWorld('twinFiles', createFilesBridge(webUtils))
