/**
 * Generates docs/configuration.md from the config schema (config is documentation).
 * Run: npx tsx scripts/config-docs.ts   (a test fails when the committed page is stale)
 */
import { writeFileSync } from 'node:fs';
import { CONFIG_SCHEMA, envName, type ConfigKey } from '../packages/server/src/config/schema.ts';

/** The reference page as Markdown. */
export function renderConfigDocs(): string {
  const rows = (Object.entries(CONFIG_SCHEMA) as [string, ConfigKey][]).map(([key, spec]) => {
    const type = spec.type === 'enum' ? spec.allowed!.join(' \\| ') : spec.type === 'secret' ? 'string (secret)' : spec.type;
    const def = spec.default === undefined ? '—' : `\`${spec.default}\``;
    return `| \`${key}\` | \`${envName(key)}\` | ${type} | ${def} | ${spec.doc} |`;
  });
  return `# Configuration reference

Generated from \`packages/server/src/config/schema.ts\` by \`npx tsx scripts/config-docs.ts\`; do not edit by hand.

Vigil reads an optional YAML file (\`--config FILE\`, \`VIGIL_CONFIG\`, or \`./vigil.yaml\` when present) and
then the environment; an environment variable wins over the file. A key \`a.b\` is written in YAML as
\`a: { b: … }\`. A wrong value stops start-up with a message naming the key and what is allowed.

| key | environment | type | default | meaning |
|---|---|---|---|---|
${rows.join('\n')}

Example \`vigil.yaml\`:

\`\`\`yaml
data_dir: /var/lib/vigil
http:
  port: 8080
retention:
  days: 90
database:
  url: postgres://vigil@db.internal:5432/vigil
\`\`\`
`;
}

if (process.argv[1]?.endsWith('config-docs.ts')) {
  writeFileSync(new URL('../docs/configuration.md', import.meta.url), renderConfigDocs());
  console.log('wrote docs/configuration.md');
}
