// Starts a TypeScript worker under tsx. Node 20 does not pass a parent's --import loader on to
// worker threads, so a worker run from source (CLI, tests) registers tsx itself, then loads
// its entry. The built app runs compiled workers and never uses this file.
import { workerData } from 'node:worker_threads'
import { register } from 'tsx/esm/api'

register()
await import(workerData.entry)
