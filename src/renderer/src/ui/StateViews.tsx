import { Component, type ReactNode } from 'react'
import type { HallState } from '../session/useShownTopology'

export function LoadingView({ message }: { message: string }) {
  return (
    <div className="state-view" role="status" aria-live="polite">
      <div className="state-view__spinner" aria-hidden="true" />
      <p>{message}</p>
    </div>
  )
}

interface ErrorViewProps {
  title: string
  message: string
  code?: string | null
}

export function ErrorView({ title, message, code }: ErrorViewProps) {
  return (
    <div className="state-view state-view--error" role="alert">
      <h1>{title}</h1>
      <p className="state-view__message">{message}</p>
      {code ? <p className="state-view__code">error code: {code}</p> : null}
    </div>
  )
}

/**
 * The hall area when the system shown has no hall: its topology is on its way, did not come,
 * or the twin has none for it (a notice over the area says what the run still shows).
 */
export function NoHallView(props: { name: string; state: HallState; error: string | null }) {
  const { name, state, error } = props
  if (state === 'loading') return <LoadingView message={`Loading the ${name} topology…`} />
  if (state === 'failed') {
    return <ErrorView title={`Could not load the ${name} topology`} message={error ?? ''} />
  }
  return (
    <div className="state-view" data-testid="no-hall">
      <p>No 3D hall of {name}: the twin does not model its parts yet.</p>
    </div>
  )
}

/** Keeps a scene failure (no WebGL, a lost context) from blanking the whole window. */
export class SceneErrorBoundary extends Component<
  { children: ReactNode },
  { error: Error | null }
> {
  override state: { error: Error | null } = { error: null }

  static getDerivedStateFromError(error: Error): { error: Error } {
    return { error }
  }

  override render() {
    if (this.state.error) {
      return <ErrorView title="The 3D view could not start" message={this.state.error.message} />
    }
    return this.props.children
  }
}
