/**
 * @module app/modules/snmp-module
 * SNMP: trap credentials, OID names and polling (`snmp/`), for the trap source and the devices API.
 */
import { loadSecretBox } from '../../auth/secret-box.ts';
import { createSnmpServices } from '../../snmp/snmp-module.ts';
import { need, type RuntimeModule } from '../runtime-module.ts';

/** The SNMP module. */
export function snmpModule(): RuntimeModule {
  return {
    name: 'snmp',
    needs: ['ingest'],
    provides: ['snmp'],
    async init(s) {
      s.snmp = await createSnmpServices({ config: s.config, db: s.db, metricStore: s.metricStore, box: loadSecretBox(s.config.data_dir, s.config.secret_key), metrics: s.metrics, newId: s.newId, ingest: need(s, 'ingest'), log: s.log });
    },
    async stop(s) {
      await s.snmp?.stop();
    },
  };
}
