/**
 * @module app/modules/rules-module
 * Detection rules: the built-in pack and each tenant's rules with versions (`RuleService`), which is
 * also the detector's `ruleSource`.
 */
import { RuleService } from '../../rules/rule-service.ts';
import { loadBuiltinRules } from '../../rules/builtin-rules.ts';
import { AuditRepo } from '../../repos/audit-repo.ts';
import type { RuntimeModule } from '../runtime-module.ts';

/** The rules module. */
export function rulesModule(): RuntimeModule {
  return {
    name: 'rules',
    needs: [],
    provides: ['rules', 'ruleSource'],
    async init(s) {
      const pack = loadBuiltinRules();
      for (const p of pack.problems) s.log.error({ problem: p }, 'built-in rule left out');
      const rules = new RuleService(s.db, pack.docs, s.now, new AuditRepo(s.db, { now: s.now, newId: s.newId }));
      Object.assign(s, { rules, ruleSource: rules });
    },
  };
}
