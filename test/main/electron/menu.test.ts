import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { installAppMenu, menuActions, type AppMenuDeps } from '../../../src/main/electron/menu'
import type { TwinService } from '../../../src/main/services/twinService'
import type { AppCommand, TwinEvent } from '../../../src/shared/api'
import { createFakeElectron, type FakeMenu } from './fakeElectron'

/** A TwinService answering the few calls the menu makes. */
function fakeService(runs: { id: string; name: string }[] | null) {
  const listeners = new Set<(e: TwinEvent) => void>()
  const commands: AppCommand[] = []
  const calls: [string, unknown][] = []
  const service = {
    dispatch: vi.fn(async (method: string, args: unknown) => {
      calls.push([method, args])
      if (method === 'runs.list')
        return runs
          ? {
              ok: true,
              value: runs.map((r) => ({ ...r, system: 'h100-sglang', status: 'complete' }))
            }
          : { ok: false, error: { code: 'unavailable', message: 'no library' } }
      if (method === 'replay.open')
        return args && (args as { id: string }).id === 'gone'
          ? { ok: false, error: { code: 'not-found', message: "no run 'gone' in the library" } }
          : { ok: true, value: {} }
      if (method === 'runs.import') return { ok: true, value: [{ id: 'new' }] }
      return { ok: false, error: { code: 'internal', message: method } }
    }),
    onEvent: (listener: (e: TwinEvent) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    command: (command: AppCommand) => commands.push(command)
  }
  return {
    service: service as unknown as TwinService,
    commands,
    calls,
    emit: (e: TwinEvent) => listeners.forEach((l) => l(e)),
    setRuns: (next: { id: string; name: string }[]) => (runs = next)
  }
}

function setup(runs: { id: string; name: string }[] | null = []) {
  const fake = createFakeElectron()
  const twin = fakeService(runs)
  const deps: AppMenuDeps = {
    service: twin.service,
    appInfo: { name: 'Supernode Twin', version: '0.1.0', versions: { node: '20.20.2' } },
    open: vi.fn(async () => {}),
    docsRoot: join(import.meta.dirname, '../../..'),
    platform: 'linux',
    dev: false
  }
  return { fake, twin, deps, menu: () => fake.Menu.current as FakeMenu }
}

describe('the installed menu', () => {
  it('lists the library, and rebuilds when the library changes', async () => {
    const { fake, twin, deps, menu } = setup([{ id: 'a', name: 'First' }])
    const installed = installAppMenu(fake.electron, deps)
    await installed.built()
    expect(
      menu()
        .item('File', 'Recent Runs')
        .submenu!.map((i) => i.label)
    ).toEqual(['First (h100-sglang)'])
    twin.setRuns([
      { id: 'b', name: 'Second' },
      { id: 'a', name: 'First' }
    ])
    twin.emit({ type: 'run.status', status: {} as never })
    await installed.built()
    expect(fake.Menu.builds).toBe(1)
    twin.emit({ type: 'library.changed' })
    await installed.built()
    expect(fake.Menu.builds).toBe(2)
    expect(
      menu()
        .item('File', 'Recent Runs')
        .submenu!.map((i) => i.label)
    ).toEqual(['Second (h100-sglang)', 'First (h100-sglang)'])
    installed.dispose()
    twin.emit({ type: 'library.changed' })
    await installed.built()
    expect(fake.Menu.builds).toBe(2)
  })

  it('still builds without a library', async () => {
    const { fake, deps, menu } = setup(null)
    await installAppMenu(fake.electron, deps).built()
    expect(menu().item('File', 'Recent Runs').submenu![0]!.label).toBe('No Saved Runs')
  })
})

describe('what the menu items do', () => {
  it('opens the replay in main, then tells the view; a missing run is named', async () => {
    const { fake, twin, deps } = setup()
    const actions = menuActions(fake.electron, deps)
    await actions.replayRun('a')
    expect(twin.calls).toContainEqual(['replay.open', { id: 'a' }])
    expect(twin.commands).toEqual([{ kind: 'replay-run', runId: 'a' }])
    await actions.replayRun('gone')
    expect(fake.dialog.errors).toEqual([
      { title: 'Cannot replay the run', content: "no run 'gone' in the library" }
    ])
    expect(twin.commands).toHaveLength(1)
  })

  it('imports through the dialog, then shows the library', async () => {
    const { fake, twin, deps } = setup()
    await menuActions(fake.electron, deps).importRuns()
    expect(twin.calls).toContainEqual(['runs.import', {}])
    expect(twin.commands).toEqual([{ kind: 'open-library' }])
  })

  it('opens the files picked in File > Open…', async () => {
    const { fake, deps } = setup()
    const actions = menuActions(fake.electron, deps)
    await actions.open()
    expect(deps.open).not.toHaveBeenCalled() // cancelled
    fake.dialog.answers.open = { canceled: false, filePaths: ['/d/a.twinrun'] }
    await actions.open()
    expect(deps.open).toHaveBeenCalledWith([{ kind: 'import-run', path: '/d/a.twinrun' }])
    expect(fake.dialog.openDialogs[0]).toMatchObject({
      filters: [{ extensions: ['twinrun', 'json'] }]
    })
  })

  it('shows the About box with versions and attributions', async () => {
    const { fake, deps } = setup()
    await menuActions(fake.electron, deps).about()
    expect(fake.dialog.messages[0]).toMatchObject({
      title: 'About Supernode Twin',
      message: 'Supernode Twin 0.1.0',
      detail: expect.stringMatching(/Node\.js 20\.20\.2[\s\S]*CC-BY 4\.0/)
    })
  })

  it('opens the docs, and names a document that is missing', async () => {
    const { fake, deps } = setup()
    const actions = menuActions(fake.electron, deps)
    await actions.openDoc('docs/run-library.md')
    expect(fake.shell.openedPaths).toEqual([join(deps.docsRoot, 'docs/run-library.md')])
    expect(fake.dialog.errors).toEqual([])
    await actions.openDoc('docs/nope.md')
    expect(fake.dialog.errors[0]!.content).toContain(join(deps.docsRoot, 'docs/nope.md'))
  })
})
