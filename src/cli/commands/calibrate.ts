import { calibrate, CALIBRATION_TOLERANCE_PCT, POINTS_NOT_MODELLED_HERE } from '../../engine/perf'
import { EXIT_FAILURE, EXIT_OK, type Command } from '../command'

export const calibrateCommand: Command = {
  name: 'calibrate',
  summary: `compare the model with every published calibration point (fails beyond ${CALIBRATION_TOLERANCE_PCT}%)`,
  usage: 'twin calibrate [--json]',
  help: ['--json          print one JSON object'],
  options: { json: { type: 'boolean' } },
  async run(values, io) {
    const { rows, pass } = calibrate()
    if (values.json) {
      io.stdout(
        JSON.stringify({
          pass,
          tolerancePct: CALIBRATION_TOLERANCE_PCT,
          points: rows.map((r) => ({
            id: r.point.id,
            label: r.point.label,
            unit: r.point.unit,
            published: r.point.published,
            predicted: r.predicted,
            errorPct: r.errorPct,
            pass: r.pass,
            source: r.point.source
          })),
          notModelledHere: POINTS_NOT_MODELLED_HERE
        }) + '\n'
      )
      return pass ? EXIT_OK : EXIT_FAILURE
    }
    const width = Math.max(...rows.map((r) => r.point.label.length))
    const lines = [
      `${'point'.padEnd(width)}  ${'published'.padStart(10)}  ${'predicted'.padStart(10)}  ${'error'.padStart(7)}  unit`,
      ...rows.map((r) => {
        const error = `${r.errorPct >= 0 ? '+' : ''}${r.errorPct.toFixed(1)}%`
        const mark = r.pass ? '' : `  OFF BY MORE THAN ${CALIBRATION_TOLERANCE_PCT}%`
        return `${r.point.label.padEnd(width)}  ${fmt(r.point.published).padStart(10)}  ${fmt(r.predicted).padStart(10)}  ${error.padStart(7)}  ${r.point.unit}${mark}`
      }),
      '',
      ...POINTS_NOT_MODELLED_HERE.map((p) => `not modelled here: ${p.label} (${p.reason})`),
      '',
      pass
        ? `all ${rows.length} points within ${CALIBRATION_TOLERANCE_PCT}% (source: ${rows[0]?.point.source})`
        : `${rows.filter((r) => !r.pass).length} of ${rows.length} points off by more than ${CALIBRATION_TOLERANCE_PCT}%`
    ]
    io.stdout(lines.join('\n') + '\n')
    return pass ? EXIT_OK : EXIT_FAILURE
  }
}

const fmt = (n: number): string => (n >= 100 ? n.toFixed(0) : n.toFixed(2))
