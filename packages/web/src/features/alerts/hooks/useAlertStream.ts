/**
 * @module useAlertStream
 * Alert changes from the server's SSE stream (`/api/v1/stream?topics=alerts`, `event: alert`): each
 * message is an alert as opened, folded or changed by a person. Reconnects with back-off when the
 * server closes the stream.
 */
import { useEffect, useRef } from 'react';
import type { AlertEvent } from '@vigil/contracts';
import { apiUrl } from '../../../api/api.ts';

/** Calls `onAlert` for every alert message while mounted (and `enabled`). */
export function useAlertStream(onAlert: (a: AlertEvent) => void, enabled = true): void {
  const handler = useRef(onAlert);
  handler.current = onAlert;

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let es: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let attempts = 0;
    let disposed = false;
    const open = () => {
      if (disposed) return;
      es = new EventSource(apiUrl('/stream', { topics: 'alerts' }));
      es.addEventListener('open', () => {
        attempts = 0;
      });
      es.addEventListener('alert', ((msg: MessageEvent) => {
        try {
          handler.current(JSON.parse(msg.data as string) as AlertEvent);
        } catch {
          /* a malformed message is ignored */
        }
      }) as EventListener);
      es.addEventListener('error', () => {
        if (es?.readyState !== EventSource.CLOSED) return;
        es.close();
        attempts++;
        retry = setTimeout(open, Math.min(30_000, 1000 * 2 ** Math.min(attempts, 5)));
      });
    };
    open();
    return () => {
      disposed = true;
      if (retry) clearTimeout(retry);
      es?.close();
    };
  }, [enabled]);
}
