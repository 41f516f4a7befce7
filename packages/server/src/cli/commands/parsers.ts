/**
 * @module cli/commands/parsers
 * `vigil parsers list|test <file>`: the parser library, offline — shows the fields each line gets.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { listParsers, getParser, parseLine, compileExtractionRule, applyExtractionRules } from '@vigil/core';
import { exitWithError } from '../context.ts';

/** Registers `parsers`. */
export function parsersCommand(program: Command): void {
  const cmd = program.command('parsers').description('the parser library (works offline)');
  cmd
    .command('list')
    .description('list registered parsers')
    .action(() => {
      for (const p of listParsers()) console.log(`${p.name}\t${p.stage ?? 'body'}\t${(p.datasets ?? []).join(',')}`);
    });
  cmd
    .command('test [file]')
    .description('parse lines from a file (or stdin) and print each line\'s fields')
    .option('--parser <name>', 'pin a parser instead of auto-detection')
    .option('--json', 'one JSON object per line instead of the readable form')
    .option('--grok <pattern>', 'also try a custom extraction rule: a grok pattern (e.g. "user=%{USERNAME:user.name}")')
    .option('--query <query>', 'with --grok: only events this query selects')
    .option('--field <field>', 'with --grok: the field the pattern runs on', 'message')
    .action(async (file: string | undefined, opts: { parser?: string; json?: boolean; grok?: string; query?: string; field: string }) => {
      try {
        if (opts.parser && !getParser(opts.parser)) throw new Error(`no parser "${opts.parser}"; see: vigil parsers list`);
        const rules = opts.grok ? [compileExtractionRule({ name: 'cli', pattern: opts.grok, query: opts.query, field: opts.field })] : [];
        const input = file ? createReadStream(file) : process.stdin;
        let n = 0;
        let unparsed = 0;
        for await (const line of createInterface({ input, crlfDelay: Infinity })) {
          if (!line.trim()) continue;
          n++;
          const r = parseLine(line, { receivedAt: Date.now() }, opts.parser);
          const matched = applyExtractionRules(r.fields, rules);
          if (!r.ok && !matched.length) unparsed++;
          if (opts.json) {
            console.log(JSON.stringify({ line: n, parser: r.parser, ok: r.ok, rules: matched, fields: r.fields }));
            continue;
          }
          console.log(`── line ${n} · ${r.parser}${r.ok ? '' : ' (not understood)'}${matched.length ? ` · rule ${matched.join(', ')}` : ''}`);
          for (const [k, v] of Object.entries(r.fields)) if (k !== 'event.original') console.log(`  ${k.padEnd(32)} ${typeof v === 'string' ? v : JSON.stringify(v)}`);
        }
        process.stderr.write(`${n} line(s), ${n - unparsed} understood, ${unparsed} not\n`);
      } catch (err) {
        exitWithError(err);
      }
    });
}
