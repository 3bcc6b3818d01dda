import { countTopology, getTopology, hasTopology, noTopologyMessage } from '../../engine/topology'
import { isSystemId, SYSTEM_IDS } from '../../shared/systems'
import { EXIT_FAILURE, EXIT_OK, UsageError, type Command } from '../command'

export const topologyCommand: Command = {
  name: 'topology',
  summary: 'count the parts and links of a system',
  usage: 'twin topology --system <id> [--json]',
  help: [
    `--system <id>   one of: ${SYSTEM_IDS.join(', ')}`,
    '--json          print one JSON object instead of a table'
  ],
  options: {
    system: { type: 'string' },
    json: { type: 'boolean' }
  },
  async run(values, io) {
    const system = values.system
    if (typeof system !== 'string') throw new UsageError('--system is required')
    if (!isSystemId(system)) {
      throw new UsageError(`unknown system '${system}' (known: ${SYSTEM_IDS.join(', ')})`)
    }
    if (!hasTopology(system)) {
      io.stderr(`twin topology: ${noTopologyMessage(system)}\n`)
      return EXIT_FAILURE
    }
    const topology = getTopology(system)
    const counts = countTopology(topology)
    if (values.json) {
      io.stdout(JSON.stringify({ system, name: topology.name, counts }) + '\n')
    } else {
      const width = Math.max(...Object.keys(counts).map((k) => k.length))
      const rows = Object.entries(counts).map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)
      io.stdout(`${topology.name}\n${rows.join('\n')}\n`)
    }
    return EXIT_OK
  }
}
