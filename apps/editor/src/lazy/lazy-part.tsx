/**
 * A part of the editor whose code is fetched on demand. Until its code has arrived it shows a stand-in
 * (or nothing); once it has, it renders at once, so a part fetched ahead of time never flashes its
 * stand-in. A failed fetch shows a message with a retry instead of taking the editor down with it.
 */
import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

/** A component loaded on demand, and the function that fetches its code ahead of time. */
export interface LazyPart<P extends object> {
  Part: ComponentType<P>;
  /** Fetches the part's code; resolves once it has arrived (a failed fetch resolves too, and is tried again on next use). */
  preload(): Promise<void>;
}

/** Makes a part whose code `load` fetches; `standIn` is shown while it is on its way. */
export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>, standIn: ReactNode = null): LazyPart<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const fetchCode = () =>
    (pending ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        pending = undefined;
        throw new PartFetchError(error);
      },
    ));

  const makeLazy = () => lazy(() => fetchCode().then((component) => ({ default: component })));
  // React keeps a lazy component's failure for good: trying again takes a new one.
  let current = makeLazy();

  function Loaded(props: P) {
    // Chosen once per mount, so the code's arrival never swaps (and remounts) what is shown.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? current);
    return <Component {...props} />;
  }

  function Part(props: P) {
    const [attempt, setAttempt] = useState(0);
    return (
      <FailedFetch
        key={attempt}
        onRetry={() => {
          current = makeLazy();
          setAttempt((n) => n + 1);
        }}
      >
        <Suspense fallback={standIn}>
          <Loaded {...props} />
        </Suspense>
      </FailedFetch>
    );
  }

  return {
    Part,
    preload: () => fetchCode().then(
      () => undefined,
      () => undefined,
    ),
  };
}

/** A part's code could not be fetched; other errors in a part are not this boundary's to show. */
class PartFetchError extends Error {
  constructor(cause: unknown) {
    super(`The part's code could not be fetched: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

interface FailedFetchProps {
  onRetry(): void;
  children: ReactNode;
}

/** Catches a part whose code could not be fetched (the server went away, a deploy replaced the files). */
class FailedFetch extends Component<FailedFetchProps, { error: unknown }> {
  override state: { error: unknown } = { error: undefined };

  static getDerivedStateFromError(error: unknown): { error: unknown } {
    return { error };
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (error === undefined) return this.props.children;
    // Any other error goes on to wherever it went before the part was loaded on demand.
    if (!(error instanceof PartFetchError)) throw error;
    return (
      <p className="hint" role="alert">
        This part of the editor could not be loaded.{' '}
        <button type="button" className="link" onClick={this.props.onRetry}>
          Try again
        </button>
      </p>
    );
  }
}
