import type { EventName, EventPayload } from '../../common/ipc/contract.js';

/** Where main's pushes go: the Electron window, or the web host's event stream. */
export interface EventSink {
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void;
}

/** Fans one event out to every connected sink (windows, browser tabs). */
export class EventHub implements EventSink {
  private readonly sinks = new Set<EventSink>();

  add(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    for (const sink of this.sinks) sink.emit(name, payload);
  }
}
