/** A render error shows as a message (and goes to the output channel), never as a blank editor. */
import { Component, type ReactNode } from 'react';
import { send } from './host';

export class ErrorBoundary extends Component<{ readonly children: ReactNode; readonly where: string }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error): void {
    send({ type: 'log', level: 'error', message: `${this.props.where}: ${error.stack ?? error.message}` });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="error-view" role="alert">
        <h1>The {this.props.where} failed to draw</h1>
        <p>{this.state.error.message}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
