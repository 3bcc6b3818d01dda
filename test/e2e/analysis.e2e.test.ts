import { execFileSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, root, type ServeProcess } from './browserView'

/**
 * simulated seconds per system: the paper's requests answer 4,096 tokens (about 200 s at its
 * TPOT), so a shorter run completes none and has no throughput to compare
 */
const DURATION_S = 300

/** a dialog a failed test left open would hide the buttons the next test clicks */
async function closeDialogs(): Promise<void> {
  while ((await page.getByRole('dialog').count()) > 0) await page.keyboard.press('Escape')
}

let serve: ServeProcess
let browser: Browser
let page: Page
const problems: string[] = []

beforeAll(async () => {
  ;({ serve, browser, page } = await openTwinPage(problems, {
    viewport: { width: 1600, height: 1000 }
  }))
}, 60_000)

afterAll(async () => {
  await browser?.close()
  if (!serve) return
  if (serve.child.exitCode === null) await serve.stop('SIGTERM')
  rmSync(serve.dataDir, { recursive: true, force: true })
})

/** the fields of `twin runs show --json` this test reads (NaN figures arrive as null) */
interface RunDetails {
  run: {
    system: string
    status: string
    summary: {
      throughput: { outputTokensPerS: number }
      latency: { ttftMs: { p50: number | null }; tpotMs: { p99: number | null } }
      slo: { attainment: number }
      power: { meanKW: number; outputTokensPerJoule: number }
    } | null
  }
  scenario: { durationS: number }
}

/** a saved run as the CLI reads it from the server's library */
function savedRun(id: string): RunDetails {
  const out = execFileSync(
    'npm',
    ['run', '--silent', 'twin', '--', 'runs', 'show', id, '--json', '--data-dir', serve.dataDir],
    { cwd: root, encoding: 'utf8' }
  )
  return JSON.parse(out) as RunDetails
}

/** the table's raw figure of a KPI for the run in column `index` matches the saved one */
async function expectCell(kpi: string, index: number, saved: number | null): Promise<void> {
  const text = await page
    .locator(`tr[data-kpi="${kpi}"] [data-run-index="${index}"]`)
    .getAttribute('data-value')
  // a figure the run could not measure (JSON null, NaN in the summary) shows as a dash
  if (saved === null || !Number.isFinite(saved)) {
    expect(text, `${kpi} of run ${index}`).toBe('')
    return
  }
  expect(text, `${kpi} of run ${index}`).toBeTruthy()
  expect(Number(text)).toBeCloseTo(saved, 3)
}

describe('compare, validation and the scenario editor in the browser view', () => {
  it('runs the three-system comparison and shows its KPI table, as the runs saved it', async () => {
    await page.getByRole('button', { name: 'Compare runs…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Compare runs' })
    await dialog.waitFor()
    await dialog.getByRole('textbox', { name: /Simulated seconds/ }).fill(String(DURATION_S))
    await dialog.getByRole('button', { name: 'Run comparison' }).click()
    await dialog.getByRole('progressbar', { name: 'Comparison progress' }).waitFor()
    const table = dialog.getByRole('table', { name: 'KPI comparison' })
    await table.waitFor({ timeout: 240_000 })

    const ids = await table
      .locator('thead th[data-run-id]')
      .evaluateAll((ths) => ths.map((th) => th.getAttribute('data-run-id')!))
    expect(ids).toHaveLength(3)
    const systems: string[] = []
    for (const [i, id] of ids.entries()) {
      const { run, scenario } = savedRun(id)
      systems.push(run.system)
      expect(run.status).toBe('complete')
      expect(scenario.durationS).toBe(DURATION_S)
      const s = run.summary!
      expect(s.throughput.outputTokensPerS).toBeGreaterThan(0)
      await expectCell('outputTokensPerS', i, s.throughput.outputTokensPerS)
      await expectCell('tpotMs.p99', i, s.latency.tpotMs.p99)
      await expectCell('ttftMs.p50', i, s.latency.ttftMs.p50)
      await expectCell('sloAttainment', i, s.slo.attainment * 100)
      await expectCell('powerW', i, s.power.meanKW * 1000)
      await expectCell('outputTokensPerJoule', i, s.power.outputTokensPerJoule)
    }
    expect(systems).toEqual(['cloudmatrix384', 'h800-deepseek', 'h100-sglang'])
    // deltas are signed and in words, and every row says where it comes from
    const second = await table
      .locator('tr[data-kpi="outputTokensPerS"] [data-run-index="1"]')
      .textContent()
    expect(second).toMatch(/[+−][\d,.]+ \([+−][\d,.]+ %\) (better|worse|about the same)/)
    expect(await table.locator('tbody tr .provenance').count()).toBe(
      await table.locator('tbody tr').count()
    )
    // the charts draw (uPlot canvases), one per KPI
    await dialog.locator('[data-testid="chart-compare-power"] canvas').first().waitFor()
    await page.screenshot({ path: `${artifacts}compare.png`, fullPage: false })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
  }, 300_000)

  it('shows the validation table with provenance on every figure', async () => {
    await closeDialogs()
    await page.getByRole('button', { name: 'Validation…' }).click()
    const dialog = page.getByRole('dialog', { name: /Validation/ })
    const table = dialog.getByRole('table', { name: 'Validation figures' })
    await table.waitFor()
    const rows = await table.locator('tbody tr').count()
    expect(rows).toBeGreaterThan(5)
    expect(await table.locator('tbody [data-cell="twin"] [data-provenance]').count()).toBe(rows)
    expect(await table.getByText(/within ±10 %/).count()).toBeGreaterThan(0)
    await dialog.getByRole('list', { name: 'Not modelled' }).waitFor()
    await page.screenshot({ path: `${artifacts}validation.png` })
    await dialog.getByRole('button', { name: 'Close the validation view' }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('marks an impossible value at its field in the scenario editor and keeps it', async () => {
    await closeDialogs()
    await page.getByRole('button', { name: 'Edit scenario…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Scenario editor' })
    await dialog.getByRole('combobox', { name: 'Start from' }).selectOption({
      label: 'Built-in: CloudMatrix-Infer paper settings'
    })
    await dialog.getByRole('button', { name: /^Load/ }).click()
    const rate = dialog.getByRole('textbox', { name: 'Rate (requests/s)' })
    await expect.poll(() => rate.inputValue(), { timeout: 10_000 }).toBe('80')
    await rate.fill('-5')
    await expect.poll(() => rate.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true')
    const describedBy = (await rate.getAttribute('aria-describedby'))!
    expect(await dialog.locator(`[id="${describedBy}"]`).textContent()).toContain(
      'must be greater than 0'
    )
    expect(await rate.inputValue()).toBe('-5')
    await page.screenshot({ path: `${artifacts}editor.png` })
  })

  it('logged no console errors or warnings', () => {
    expect(problems).toEqual([])
  })
})
