import type { Disposable, Engine, Event } from '@staunch/core';

/** The engine members an adapter exposes: its events and the attempt wrapper. */
export type EngineEvents = Pick<
  Engine,
  'onCallStart' | 'onAttemptStart' | 'onAttempt' | 'onRetry' | 'onGiveUp' | 'onSuccess' | 'wrapAttempt'
>;

/** The events of several engines as one: a listener hears every engine; disposing stops them all. */
export function mergeEngineEvents(engines: readonly Engine[]): EngineEvents {
  const merge =
    <T>(pick: (engine: Engine) => Event<T>): Event<T> =>
    (listener) =>
      all(engines.map((engine) => pick(engine)(listener)));
  return {
    onCallStart: merge((e) => e.onCallStart),
    onAttemptStart: merge((e) => e.onAttemptStart),
    onAttempt: merge((e) => e.onAttempt),
    onRetry: merge((e) => e.onRetry),
    onGiveUp: merge((e) => e.onGiveUp),
    onSuccess: merge((e) => e.onSuccess),
    wrapAttempt: (wrapper) => all(engines.map((engine) => engine.wrapAttempt(wrapper))),
  };
}

function all(disposables: readonly Disposable[]): Disposable {
  return {
    dispose: () => {
      for (const disposable of disposables) disposable.dispose();
    },
  };
}
