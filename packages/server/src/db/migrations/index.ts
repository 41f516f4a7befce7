/**
 * @module db/migrations
 * Every migration, in order. Adding one is one file plus one line here.
 */
import type { Migration } from './migration.ts';
import { migration001 } from './001-init.ts';
import { migration002 } from './002-query-functions.ts';
import { migration003 } from './003-extraction-rules.ts';
import { migration004 } from './004-metrics-store.ts';
import { migration005 } from './005-snmp.ts';
import { migration006 } from './006-event-log.ts';
import { migration007 } from './007-detection.ts';
import { migration008 } from './008-tenancy.ts';
import { migration009 } from './009-alerts.ts';
import { migration010 } from './010-rules.ts';
import { migration011 } from './011-channels.ts';
import { migration012 } from './012-notify-routing.ts';
import { migration013 } from './013-incidents-audit-reports.ts';
import { migration014 } from './014-agents.ts';
import { migration015 } from './015-search-index.ts';
import { migration017 } from './017-dashboards.ts';
import { migration018 } from './018-delivery-alert-index.ts';
import { migration019 } from './019-delivery-lane-index.ts';

export type { Migration };

/** All migrations in apply order. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011, migration012, migration013, migration014, migration015, migration017, migration018, migration019];
