import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './styles.css'
import './ui/toolbar.css'
import './ui/panels.css'
import './library/library.css'
import { twinStats } from './twinStats'

// Exists from the first moment, so end-to-end tests can poll it while the app loads.
twinStats()

const container = document.getElementById('root')
if (!container) throw new Error('index.html has no #root element')
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>
)
