/**
 * @module useEventStream
 * Events from the server's SSE stream (`/api/v1/stream?topics=events&q=`), newest first. While
 * paused, arrivals are held back and counted; resuming shows them. Updates are flushed in small
 * batches so a busy stream does not re-render per event. The server's `dropped` notices (this client
 * read too slowly and missed events) are summed in `dropped`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { VigilEvent } from '@vigil/contracts';
import { apiUrl } from '../../../api/api.ts';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

export interface EventStreamOptions {
  /** Filter query (empty = all events). `null` keeps the stream closed. */
  query: string | null;
  paused: boolean;
  /** Most events kept in memory. */
  limit?: number;
  /** Batch window in ms. */
  flushMs?: number;
}

export interface EventStreamState {
  events: VigilEvent[];
  /** Events that arrived while paused (shown on resume). */
  pendingCount: number;
  status: StreamStatus;
  /** Events received since the stream (re)opened with this query. */
  received: number;
  /** Ids of events added in the last flush (for highlighting). */
  freshIds: ReadonlySet<string>;
  /** Events the server skipped for this client because it read too slowly. */
  dropped: number;
  clear: () => void;
}

/** Subscribes to the live event stream. */
export function useEventStream({ query, paused, limit = 500, flushMs = 100 }: EventStreamOptions): EventStreamState {
  const [events, setEvents] = useState<VigilEvent[]>([]);
  const [pendingCount, setPendingCount] = useState(0);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [received, setReceived] = useState(0);
  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(new Set());
  const [dropped, setDropped] = useState(0);

  const pausedRef = useRef(paused);
  const incoming = useRef<VigilEvent[]>([]);
  const held = useRef<VigilEvent[]>([]);
  const heldCount = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = useCallback(() => {
    timer.current = null;
    const batch = incoming.current;
    incoming.current = [];
    if (batch.length === 0) return;
    setReceived((n) => n + batch.length);
    if (pausedRef.current) {
      held.current = [...batch.reverse(), ...held.current].slice(0, limit);
      heldCount.current += batch.length;
      setPendingCount(heldCount.current);
      return;
    }
    const newest = batch.reverse();
    setFreshIds(new Set(newest.map((e) => e.id)));
    setEvents((prev) => [...newest, ...prev].slice(0, limit));
  }, [limit]);

  // Pausing holds arrivals; resuming shows them at once.
  useEffect(() => {
    pausedRef.current = paused;
    if (!paused && (held.current.length > 0 || heldCount.current > 0)) {
      const shown = held.current;
      held.current = [];
      heldCount.current = 0;
      setPendingCount(0);
      setFreshIds(new Set(shown.map((e) => e.id)));
      setEvents((prev) => [...shown, ...prev].slice(0, limit));
    }
  }, [paused, limit]);

  useEffect(() => {
    if (query === null) {
      setStatus('closed');
      return;
    }
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let disposed = false;
    setStatus('connecting');
    setReceived(0);
    setDropped(0);

    const onDropped = (msg: MessageEvent) => {
      try {
        const n = Number((JSON.parse(msg.data as string) as { count?: unknown }).count);
        if (Number.isFinite(n) && n > 0) setDropped((d) => d + n);
      } catch {
        /* a malformed notice is ignored */
      }
    };

    const onEvent = (msg: MessageEvent) => {
      let ev: VigilEvent;
      try {
        ev = JSON.parse(msg.data as string) as VigilEvent;
      } catch {
        return;
      }
      incoming.current.push(ev);
      if (!timer.current) timer.current = setTimeout(flush, flushMs);
    };

    const open = () => {
      if (disposed) return;
      es = new EventSource(apiUrl('/stream', { topics: 'events', q: query }));
      es.addEventListener('open', () => {
        attempts = 0;
        setStatus('live');
      });
      es.addEventListener('event', onEvent as EventListener);
      es.addEventListener('dropped', onDropped as EventListener);
      es.addEventListener('error', () => {
        if (!es) return;
        if (es.readyState === EventSource.CLOSED) {
          // The server refused the stream (e.g. session ended); back off and try again.
          es.close();
          setStatus('reconnecting');
          attempts++;
          retry = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5)));
        } else {
          setStatus('reconnecting');
        }
      });
    };
    open();

    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      es?.close();
    };
  }, [query, flush, flushMs]);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const clear = useCallback(() => {
    setEvents([]);
    held.current = [];
    heldCount.current = 0;
    setPendingCount(0);
    setDropped(0);
  }, []);

  return { events, pendingCount, status, received, freshIds, dropped, clear };
}
