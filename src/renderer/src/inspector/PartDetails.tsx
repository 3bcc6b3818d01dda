import type { Topology } from '../../../engine/topology/types'
import { DIE_ROLE_NAMES, type FrameView } from '../../../shared/frame'
import { DIE_METRIC_SPECS } from '../view/dieMetrics'
import type { PartRef, ViewState } from '../view/viewState'
import { DieDetails, RoleName } from './DieDetails'
import { Fact, Figure, PartButton } from './Facts'
import { type PartMembers, roleCounts, summarize } from './partFigures'
import { endpointId, endpointPart, linkKindLabel } from '../view/parts'

export interface PartDetailsProps {
  view: ViewState
  topology: Topology
  part: PartRef
  members: PartMembers
  frame: FrameView | null
}

const compute = DIE_METRIC_SPECS.compute.value

/** The figures of whatever is selected, read from one frame. */
export function PartDetails(props: PartDetailsProps) {
  const { part, frame, topology, view, members } = props
  switch (part.kind) {
    case 'die':
      return <DieDetails frame={frame} die={part.index} system={topology.system} />
    case 'cpu':
      return (
        <dl className="inspector__facts">
          <Figure
            label="Utilization"
            value={frame ? frame.cpuUtilization[part.index]! * 100 : NaN}
            unit="%"
            testId="inspector-utilization"
          />
        </dl>
      )
    case 'node':
      return <DieGroup {...props} />
    case 'rack':
      return members.dies.length > 0 ? (
        <>
          <DieGroup {...props} />
          <RackNodes {...props} />
        </>
      ) : (
        <LinkGroup {...props} what="L2 switch links" />
      )
    case 'l1Switch':
    case 'l2Switch':
      return <LinkGroup {...props} what="Links" />
    case 'link': {
      const link = topology.links[part.index]!
      const end = (ref: typeof link.from) => {
        const target = endpointPart(ref)
        return target ? (
          <PartButton view={view} topology={topology} part={target} />
        ) : (
          endpointId(topology, ref)
        )
      }
      return (
        <dl className="inspector__facts">
          <Fact label="Kind">{linkKindLabel(link.kind)}</Fact>
          <Fact label="From">{end(link.from)}</Fact>
          <Fact label="To">{end(link.to)}</Fact>
          <Fact label="Bandwidth">{link.gbPerSecond} GB/s each way</Fact>
          <Figure
            label="Utilization"
            value={frame ? frame.linkUtilization[part.index]! * 100 : NaN}
            unit="%"
            testId="inspector-utilization"
          />
        </dl>
      )
    }
  }
}

/** A node or compute rack: its dies' compute and how many serve in each role. */
function DieGroup({ members, frame }: PartDetailsProps) {
  const stats = frame ? summarize(members.dies, (d) => compute(frame, d)) : null
  const roles = frame ? roleCounts(frame, members.dies) : []
  return (
    <dl className="inspector__facts">
      <Fact label="Dies">{members.dies.length}</Fact>
      <Figure
        label="Compute, mean"
        value={stats?.mean ?? NaN}
        unit="%"
        testId="inspector-compute-mean"
      />
      <Figure
        label="Compute, max"
        value={stats?.max ?? NaN}
        unit="%"
        testId="inspector-compute-max"
      />
      <Fact label="Roles">
        <span className="inspector__roles" data-testid="inspector-roles">
          {roles.map(([role, count]) => (
            <span key={role} data-role={DIE_ROLE_NAMES[role]} data-count={count}>
              <RoleName role={role} /> × {count}
            </span>
          ))}
        </span>
      </Fact>
    </dl>
  )
}

function RackNodes({ topology, part, frame, view }: PartDetailsProps) {
  const nodes = topology.nodes.filter((n) => n.rack === part.index)
  return (
    <>
      <h3 className="inspector__subtitle">Nodes, bottom to top</h3>
      <ul className="inspector__list" data-testid="inspector-nodes">
        {nodes.map((node) => {
          const dies = topology.dies.filter((d) => d.node === node.index).map((d) => d.index)
          const mean = frame ? summarize(dies, (d) => compute(frame, d)).mean : NaN
          return (
            <li key={node.id}>
              <PartButton
                view={view}
                topology={topology}
                part={{ kind: 'node', index: node.index }}
              />
              <span className="inspector__value">
                {Number.isFinite(mean) ? `${mean.toFixed(1)} %` : '—'}
              </span>
            </li>
          )
        })}
      </ul>
    </>
  )
}

/** A switch or communication rack: its links' utilization. */
function LinkGroup({ members, frame, what }: PartDetailsProps & { what: string }) {
  const stats = frame ? summarize(members.links, (i) => frame.linkUtilization[i]! * 100) : null
  return (
    <dl className="inspector__facts">
      <Fact label={what}>{members.links.length}</Fact>
      <Figure
        label="Utilization, mean"
        value={stats?.mean ?? NaN}
        unit="%"
        testId="inspector-link-mean"
      />
      <Figure
        label="Utilization, max"
        value={stats?.max ?? NaN}
        unit="%"
        testId="inspector-link-max"
      />
    </dl>
  )
}
