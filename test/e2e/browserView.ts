import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'

export const root = fileURLToPath(new URL('../../', import.meta.url))
export const artifacts = fileURLToPath(new URL('./artifacts/', import.meta.url))

/** Flags from shared/toolchain.md: WebGL through SwiftShader, no background network traffic. */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--enable-unsafe-swiftshader',
  '--use-angle=swiftshader'
]

export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(path)) {
    throw new Error(`no chromium at ${path}: apt-get install -y chromium (or set CHROMIUM_PATH)`)
  }
  return path
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS })
}

export interface ServeProcess {
  child: ChildProcess
  url: string
  /** the run library's folder: a fresh temporary one unless given */
  dataDir: string
  output: () => string
  /** sends a signal and resolves with the exit code */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

/**
 * Starts `twin serve --port 0` as users do and waits for the URL it prints. Its run library
 * lives in `dataDir` (default: a new temporary folder), never in the user's own.
 */
export function startServe(given?: string): Promise<ServeProcess> {
  const dataDir = given ?? mkdtempSync(join(tmpdir(), 'twin-e2e-'))
  if (!existsSync(`${root}out/renderer/index.html`)) {
    throw new Error('the app is not built: run `npm run build` before `npm run test:e2e`')
  }
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', '0', '--data-dir', dataDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe']
    }
  )
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code))
  )
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`twin serve printed no URL:\n${output}`)),
      30_000
    )
    child.stdout!.on('data', () => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\w+)/.exec(output)
      if (!match) return
      clearTimeout(timer)
      resolve({
        child,
        url: match[1]!,
        dataDir,
        output: () => output,
        stop: async (signal = 'SIGTERM') => {
          child.kill(signal)
          const code = await exited
          // a folder made here goes with the server; one the caller gave is the caller's
          if (given === undefined) rmSync(dataDir, { recursive: true, force: true })
          return code
        }
      })
    })
    void exited.then((code) => reject(new Error(`twin serve exited (${code}):\n${output}`)))
  })
}

/**
 * SwiftShader (the software GL these machines render with) reports a performance note whenever
 * pixels are read back, which screenshots do; a bare WebGL page logs the same. Not an app fault.
 */
export const SOFTWARE_GL_NOISE =
  /GL Driver Message \(OpenGL, Performance.*GPU stall due to ReadPixels/

/** Adds the page's console errors and warnings and its uncaught errors to `problems`. */
export function watchConsole(page: Page, problems: string[]): void {
  page.on('console', (message) => {
    if (SOFTWARE_GL_NOISE.test(message.text())) return
    if (message.type() === 'error' || message.type() === 'warning') {
      problems.push(`${message.type()}: ${message.text()}`)
    }
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
}

export interface TwinPage {
  serve: ServeProcess
  browser: Browser
  page: Page
}

/**
 * What every e2e file starts with: `twin serve` on a fresh library, chromium, and one page on
 * the app whose console problems go to `problems`. Screenshots go to `artifacts`.
 */
export async function openTwinPage(
  problems: string[],
  options: BrowserContextOptions = { viewport: { width: 1600, height: 900 } }
): Promise<TwinPage> {
  mkdirSync(artifacts, { recursive: true })
  const serve = await startServe()
  const browser = await launchChromium()
  const page = await browser.newPage(options)
  watchConsole(page, problems)
  await page.goto(serve.url)
  return { serve, browser, page }
}

/**
 * Lets the live run reach `atLeastS` simulated seconds (0: just stops it), stops it with the
 * toolbar's button and waits until the app says it stopped: the run is then saved in the
 * library, ready to replay. The page functions read `globalThis` (the window there): this file
 * is also compiled for bench/, without the DOM's types.
 */
export async function stopLiveRun(
  page: Page,
  atLeastS: number,
  wait: { timeout: number }
): Promise<void> {
  type StatsWindow = {
    __twinStats: { ready: boolean; runState: string | null; lastSimTimeS: number }
  }
  await page.waitForFunction(
    (t) => {
      const s = (globalThis as unknown as StatsWindow).__twinStats
      return s.ready && s.runState === 'running' && s.lastSimTimeS >= t
    },
    atLeastS,
    wait
  )
  await page.getByRole('button', { name: 'Stop the run' }).click()
  await page.waitForFunction(
    () => (globalThis as unknown as StatsWindow).__twinStats.runState === 'stopped',
    null,
    wait
  )
}
