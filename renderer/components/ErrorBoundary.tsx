import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useI18n, type Translate } from '../i18n/i18n';

export interface ErrorBoundaryProps {
  /** What the pane is, for the message („Vorschau“, „Editor“ …). */
  label: string;
  /** The boundary tries again by itself when this changes (e.g. the open post's id). */
  resetKey?: unknown;
  children: ReactNode;
}

interface BoundaryProps extends ErrorBoundaryProps {
  t: Translate;
}

interface BoundaryState {
  error: Error | null;
  resetKey: unknown;
}

/** The first line of an error, short enough for a message (a stack overflow's message can be long). */
function summary(error: Error): string {
  const line = (error.message || error.name || String(error)).split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 200)} …` : line;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: BoundaryState): Partial<BoundaryState> | null {
    // A new post (or whatever the key stands for) gets a fresh try.
    if (!Object.is(props.resetKey, state.resetKey)) return { error: null, resetKey: props.resetKey };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`Kladde: ${this.props.label}`, error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { t, label } = this.props;
    return (
      <div className="error-boundary" role="alert">
        <p className="error-boundary-title">{t('boundary.failed', { label })}</p>
        <p className="error-boundary-detail">{summary(error)}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {t('boundary.retry')}
        </button>
      </div>
    );
  }
}

/**
 * Keeps one pane's failure inside that pane: the rest of Kladde stays usable, the pane shows a calm message
 * with the error's summary and a button to try again.
 */
export function ErrorBoundary(props: ErrorBoundaryProps) {
  const { t } = useI18n();
  return <Boundary {...props} t={t} />;
}
