import { describe, expect, it, vi } from 'vitest'
import {
  appMenuTemplate,
  DOCS,
  RECENT_RUNS,
  type MenuActions,
  type MenuInput
} from '../../../src/main/electron/menuTemplate'
import { FakeMenu, type MenuItem } from './fakeElectron'

function actions() {
  return {
    open: vi.fn<MenuActions['open']>(),
    importRuns: vi.fn<MenuActions['importRuns']>(),
    replayRun: vi.fn<MenuActions['replayRun']>(),
    command: vi.fn<MenuActions['command']>(),
    about: vi.fn<MenuActions['about']>(),
    openDoc: vi.fn<MenuActions['openDoc']>()
  } satisfies MenuActions
}

const run = (i: number, status: MenuInput['runs'][number]['status'] = 'complete') => ({
  id: `run-${i}`,
  name: `Run ${i}`,
  system: 'cloudmatrix384',
  status
})

function build(input: Partial<MenuInput> = {}) {
  const acts = actions()
  const template = appMenuTemplate({
    appName: 'Supernode Twin',
    platform: 'linux',
    dev: false,
    runs: [],
    actions: acts,
    ...input
  })
  return { menu: new FakeMenu(template as MenuItem[]), actions: acts, template }
}

const labels = (items: MenuItem[]) => items.map((i) => i.label ?? i.role ?? i.type)

describe('the application menu', () => {
  it('has File, Edit, View, Window and Help with the usual shortcuts', () => {
    const { menu, template } = build()
    expect(labels(template as MenuItem[])).toEqual([
      '&File',
      '&Edit',
      '&View',
      'windowMenu',
      '&Help'
    ])
    expect(menu.item('File', 'Open…').accelerator).toBe('CmdOrCtrl+O')
    expect(menu.item('File', 'Import Runs…').accelerator).toBe('CmdOrCtrl+I')
    expect(menu.item('File', 'Export…').accelerator).toBe('CmdOrCtrl+E')
    expect(menu.item('File', 'quit').role).toBe('quit')
    expect(labels(menu.item('Edit').submenu!).filter((l) => l !== 'separator')).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll'
    ])
    for (const role of ['togglefullscreen', 'resetZoom', 'zoomIn', 'zoomOut'])
      expect(menu.item('View', role).role).toBe(role)
    expect(menu.item('Help', 'Keyboard Shortcuts').accelerator).toBe('CmdOrCtrl+/')
    expect(menu.item('Help', 'About Supernode Twin')).toBeDefined()
  })

  it('never takes the keys the view uses itself', () => {
    const accelerators: string[] = []
    const walk = (items: MenuItem[]): void => {
      for (const item of items) {
        if (item.accelerator) accelerators.push(item.accelerator)
        walk(item.submenu ?? [])
      }
    }
    walk(build().template as MenuItem[])
    expect(accelerators.length).toBeGreaterThan(4)
    for (const accelerator of accelerators) expect(accelerator).toMatch(/^CmdOrCtrl\+/)
  })

  it('offers reload and developer tools only to developers', () => {
    const dev = build({ dev: true }).menu
    expect(dev.item('View', 'reload').role).toBe('reload')
    expect(dev.item('View', 'toggleDevTools').role).toBe('toggleDevTools')
    expect(() => build().menu.item('View', 'reload')).toThrow(/no menu item/)
  })

  it('follows macOS: an app menu with About and Quit, no mnemonics', () => {
    const { menu, template } = build({ platform: 'darwin' })
    expect(labels(template as MenuItem[])).toEqual([
      'Supernode Twin',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'Help'
    ])
    expect(menu.item('Supernode Twin', 'About Supernode Twin')).toBeDefined()
    expect(menu.item('Supernode Twin', 'quit').role).toBe('quit')
    expect(() => menu.item('File', 'quit')).toThrow(/no menu item/)
    expect(() => menu.item('Help', 'About Supernode Twin')).toThrow(/no menu item/)
  })

  it('sends the view its commands', () => {
    const { menu, actions: acts } = build()
    menu.item('File', 'Run Library').click!()
    menu.item('File', 'Export…').click!()
    menu.item('View', 'Toggle Theme').click!()
    menu.item('Help', 'Keyboard Shortcuts').click!()
    expect(acts.command.mock.calls.map(([c]) => c)).toEqual([
      { kind: 'open-library' },
      { kind: 'export-run' },
      { kind: 'toggle-theme' },
      { kind: 'show-shortcuts' }
    ])
    menu.item('File', 'Open…').click!()
    menu.item('File', 'Import Runs…').click!()
    menu.item('Help', 'About Supernode Twin').click!()
    expect([acts.open, acts.importRuns, acts.about].map((f) => f.mock.calls.length)).toEqual([
      1, 1, 1
    ])
  })

  it('opens each project document', () => {
    const { menu, actions: acts } = build()
    for (const doc of DOCS) menu.item('Help', doc.label).click!()
    expect(acts.openDoc.mock.calls.map(([path]) => path)).toEqual(DOCS.map((d) => d.path))
  })
})

describe('recent runs', () => {
  it('lists the newest replayable runs, at most eight, and replays the one clicked', () => {
    const runs = [run(0, 'running'), ...Array.from({ length: 12 }, (_, i) => run(i + 1))]
    const { menu, actions: acts } = build({ runs })
    const recent = menu.item('File', 'Recent Runs').submenu!
    expect(recent).toHaveLength(RECENT_RUNS)
    expect(recent.map((i) => i.label)).toEqual(
      Array.from({ length: 8 }, (_, i) => `Run ${i + 1} (cloudmatrix384)`)
    )
    recent[2]!.click!()
    expect(acts.replayRun).toHaveBeenCalledWith('run-3')
  })

  it('shows a run named with & as typed', () => {
    const named = { ...run(1), name: 'CM384 & H800' }
    expect(build({ runs: [named] }).menu.item('File', 'Recent Runs').submenu![0]!.label).toBe(
      'CM384 && H800 (cloudmatrix384)'
    )
    expect(
      build({ runs: [named], platform: 'darwin' }).menu.item('File', 'Recent Runs').submenu![0]!
        .label
    ).toBe('CM384 & H800 (cloudmatrix384)')
  })

  it('says so when there is none', () => {
    expect(build().menu.item('File', 'Recent Runs').submenu).toEqual([
      { label: 'No Saved Runs', enabled: false }
    ])
  })
})
