/**
 * @module dashboards/builtin-boards
 * The boards every tenant gets: data, not code. They are read-only; users copy one to change it.
 */
import { BUILTIN_DASHBOARD_PREFIX, type Panel } from '@vigil/contracts';

/** A built-in board as shipped. */
export interface BuiltinBoard {
  id: string;
  name: string;
  description: string;
  panels: Panel[];
}

const HIGH = 'vigil.severity:>=high';
const FAILED_LOGIN = 'event.outcome:failure';

/** Security overview and ingest health, in that order (the first is the default home). */
export const BUILTIN_BOARDS: readonly BuiltinBoard[] = [
  {
    id: `${BUILTIN_DASHBOARD_PREFIX}security-overview`,
    name: 'Security overview',
    description: 'High and critical events, failed logins, the sources and hosts behind them.',
    panels: [
      { id: 'high-count', kind: 'count', title: 'High and critical events (24 h)', query: HIGH, from: '-24h', to: 'now', x: 0, y: 0, w: 3, h: 3 },
      { id: 'failed-count', kind: 'count', title: 'Failed logins (24 h)', query: FAILED_LOGIN, from: '-24h', to: 'now', x: 3, y: 0, w: 3, h: 3 },
      { id: 'high-over-time', kind: 'timeseries', title: 'High and critical events over time', query: HIGH, from: '-24h', to: 'now', x: 6, y: 0, w: 6, h: 6 },
      { id: 'failed-sources', kind: 'top', title: 'Sources of failed logins', query: FAILED_LOGIN, from: '-24h', to: 'now', field: 'source.ip', limit: 10, x: 0, y: 3, w: 3, h: 6 },
      { id: 'high-hosts', kind: 'top', title: 'Hosts with high and critical events', query: HIGH, from: '-24h', to: 'now', field: 'host.name', limit: 10, x: 3, y: 3, w: 3, h: 6 },
      { id: 'failed-users', kind: 'top', title: 'Users with failed logins', query: FAILED_LOGIN, from: '-24h', to: 'now', field: 'user.name', limit: 10, x: 6, y: 6, w: 6, h: 3 },
      { id: 'latest-high', kind: 'table', title: 'Latest high and critical events', query: HIGH, from: '-24h', to: 'now', columns: ['vigil.severity', 'host.name', 'source.ip', 'message'], limit: 20, x: 0, y: 9, w: 12, h: 7 },
    ],
  },
  {
    id: `${BUILTIN_DASHBOARD_PREFIX}ingest-health`,
    name: 'Ingest health',
    description: 'How much arrives, from which senders, datasets and hosts.',
    panels: [
      { id: 'events-hour', kind: 'count', title: 'Events (1 h)', query: '', from: '-1h', to: 'now', x: 0, y: 0, w: 3, h: 3 },
      { id: 'events-day', kind: 'count', title: 'Events (24 h)', query: '', from: '-24h', to: 'now', x: 3, y: 0, w: 3, h: 3 },
      { id: 'events-over-time', kind: 'timeseries', title: 'Events over time', query: '', from: '-24h', to: 'now', x: 6, y: 0, w: 6, h: 6 },
      { id: 'datasets', kind: 'top', title: 'Datasets', query: '', from: '-24h', to: 'now', field: 'event.dataset', limit: 10, x: 0, y: 3, w: 3, h: 6 },
      { id: 'senders', kind: 'top', title: 'Senders', query: '', from: '-24h', to: 'now', field: 'observer.ip', limit: 10, x: 3, y: 3, w: 3, h: 6 },
      { id: 'hosts', kind: 'top', title: 'Hosts', query: '', from: '-24h', to: 'now', field: 'host.name', limit: 10, x: 6, y: 6, w: 6, h: 3 },
      { id: 'latest', kind: 'table', title: 'Latest events', query: '', from: '-1h', to: 'now', columns: ['event.dataset', 'host.name', 'message'], limit: 20, x: 0, y: 9, w: 12, h: 7 },
    ],
  },
];
