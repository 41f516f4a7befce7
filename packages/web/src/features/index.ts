/**
 * @module features
 * The registry of pages. Adding a page is one folder under `features/` plus one line here.
 */
import type { Feature } from '../app/feature.ts';
import { overviewFeature } from './overview/index.ts';
import { liveFeature } from './live/index.ts';
import { searchFeature } from './search/index.ts';
import { settingsFeature } from './settings/index.ts';
import { devicesFeature } from './devices/index.ts';
import { tenantsFeature } from './tenants/index.ts';
import { incidentsFeature } from './incidents/index.ts';
import { auditFeature } from './audit/index.ts';
import { dashboardsFeature } from './dashboards/index.ts';
import { hostsFeature } from './hosts/index.ts';
import { alertsFeature } from './alerts/index.ts';
import { rulesFeature } from './rules/index.ts';
import { channelsFeature } from './channels/index.ts';
import { routingFeature, silencesFeature } from './notifications/index.ts';

export const FEATURES: Feature[] = [overviewFeature, alertsFeature, incidentsFeature, liveFeature, searchFeature, dashboardsFeature, rulesFeature, hostsFeature, devicesFeature, channelsFeature, routingFeature, silencesFeature, tenantsFeature, auditFeature, settingsFeature];
