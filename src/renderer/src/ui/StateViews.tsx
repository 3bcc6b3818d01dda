import { Component, type ReactNode } from 'react'

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
