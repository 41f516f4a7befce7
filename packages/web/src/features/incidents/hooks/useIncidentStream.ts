/**
 * @module useIncidentStream
 * Keeps incident pages current: every `event: incident` of the live stream refetches the incident
 * queries (the message only names what changed; the list and detail come from the API).
 */
import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiUrl } from '../../../api/api.ts';

/** Subscribes to `/stream?topics=incidents` while mounted; the browser reconnects on its own. */
export function useIncidentStream(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const es = new EventSource(apiUrl('/stream', { topics: 'incidents' }));
    const onIncident = () => void client.invalidateQueries({ queryKey: ['incidents'] });
    es.addEventListener('incident', onIncident);
    return () => {
      es.removeEventListener('incident', onIncident);
      es.close();
    };
  }, [client]);
}
