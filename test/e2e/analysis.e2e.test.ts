import { rmSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifacts, openTwinPage, type ServeProcess } from './browserView'

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

describe('the validation view and the scenario editor in the browser view', () => {
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
