/**
 * @module snmp/mib-compiler
 * A small MIB-text -> OID-name compiler: it reads the OID assignments of SMIv1/SMIv2 modules
 * (OBJECT IDENTIFIER, OBJECT-TYPE, NOTIFICATION-TYPE, TRAP-TYPE, MODULE-IDENTITY, OBJECT-IDENTITY
 * and the conformance macros) and resolves them against known parents — the built-in table, names
 * imported before, and every module given in the same call, in any order. It does not check types
 * or syntax beyond what naming needs. Never throws: problems come back as located errors, and good
 * definitions beside a bad one are kept.
 */
import type { OidEntry, OidTable } from './oid-table.ts';

/** One MIB file's text. */
export interface MibSource {
  file: string;
  text: string;
}

/** A located problem. */
export interface MibError {
  file: string;
  line: number;
  message: string;
}

/** What a compile produced: modules seen, names resolved, located errors. */
export interface MibCompileResult {
  modules: string[];
  entries: OidEntry[];
  errors: MibError[];
}

interface Token {
  t: string;
  line: number;
}

interface Definition {
  name: string;
  kind: 'node' | 'object';
  /** `{ … }` components, or for TRAP-TYPE the enterprise name and number. */
  value: string[];
  trap?: { enterprise: string; number: string };
  module: string;
  file: string;
  line: number;
}

/** SMI roots every MIB builds on (RFC 1155, RFC 2578). */
const ROOTS: Record<string, string> = {
  ccitt: '0', iso: '1', 'joint-iso-ccitt': '2', zeroDotZero: '0.0', org: '1.3', dod: '1.3.6', internet: '1.3.6.1', directory: '1.3.6.1.1', mgmt: '1.3.6.1.2',
  'mib-2': '1.3.6.1.2.1', transmission: '1.3.6.1.2.1.10', experimental: '1.3.6.1.3', private: '1.3.6.1.4', enterprises: '1.3.6.1.4.1', security: '1.3.6.1.5',
  snmpV2: '1.3.6.1.6', snmpDomains: '1.3.6.1.6.1', snmpProxys: '1.3.6.1.6.2', snmpModules: '1.3.6.1.6.3',
};

const NODE_MACROS = new Set(['MODULE-IDENTITY', 'OBJECT-IDENTITY', 'OBJECT-GROUP', 'NOTIFICATION-GROUP', 'MODULE-COMPLIANCE', 'AGENT-CAPABILITIES']);
const VALUE_MACROS = new Set(['OBJECT-TYPE', 'NOTIFICATION-TYPE']);

/** Tokens of MIB text without comments and quoted strings, with line numbers. */
function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\f') i++;
    else if (c === '-' && text[i + 1] === '-') {
      // A comment runs to the end of the line or to the next "--".
      i += 2;
      while (i < n && text[i] !== '\n' && !(text[i] === '-' && text[i + 1] === '-')) i++;
      if (text[i] === '-') i += 2;
    } else if (c === '"') {
      i++;
      while (i < n && text[i] !== '"') {
        if (text[i] === '\n') line++;
        i++;
      }
      i++;
    } else if (c === ':' && text.startsWith('::=', i)) {
      out.push({ t: '::=', line });
      i += 3;
    } else if (/[A-Za-z0-9]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_-]/.test(text[j]!) && !(text[j] === '-' && text[j + 1] === '-')) j++;
      out.push({ t: text.slice(i, j), line });
      i = j;
    } else {
      out.push({ t: c, line });
      i++;
    }
  }
  return out;
}

const isValueName = (t: string | undefined) => !!t && /^[a-z][A-Za-z0-9-]*$/.test(t);

/** The definitions of one file. */
function definitions(src: MibSource, errors: MibError[], modules: string[]): Definition[] {
  const tk = tokenize(src.text);
  const defs: Definition[] = [];
  let module = '';
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i]!.t;
    if (t === 'DEFINITIONS' && i > 0) {
      module = tk[i - 1]!.t;
      modules.push(module);
      continue;
    }
    if (!isValueName(t)) continue;
    const next = tk[i + 1]?.t;
    let kind: Definition['kind'] | null = null;
    let end = -1;
    if (next === 'OBJECT' && tk[i + 2]?.t === 'IDENTIFIER' && tk[i + 3]?.t === '::=') {
      kind = 'node';
      end = i + 3;
    } else if (next && (VALUE_MACROS.has(next) || NODE_MACROS.has(next) || next === 'TRAP-TYPE')) {
      // The macro body runs to its "::="; a "MACRO ::=" definition (in SMI modules) is not a value.
      let j = i + 2;
      while (j < tk.length && tk[j]!.t !== '::=') j++;
      if (j >= tk.length) {
        errors.push({ file: src.file, line: tk[i]!.line, message: `${t} ${next}: no "::=" follows` });
        continue;
      }
      end = j;
      const body = tk.slice(i + 2, j).map((x) => x.t);
      if (next === 'OBJECT-TYPE') {
        // Tables (SEQUENCE OF) and rows (INDEX/AUGMENTS) are branches; columns and scalars name values.
        const s = body.indexOf('SYNTAX');
        const isTable = s >= 0 && body[s + 1] === 'SEQUENCE' && body[s + 2] === 'OF';
        kind = isTable || body.includes('INDEX') || body.includes('AUGMENTS') ? 'node' : 'object';
      } else kind = NODE_MACROS.has(next) ? 'node' : 'object';
      if (next === 'TRAP-TYPE') {
        const e = body.indexOf('ENTERPRISE');
        const num = tk[j + 1]?.t;
        if (e < 0 || !body[e + 1] || !num || !/^\d+$/.test(num)) {
          errors.push({ file: src.file, line: tk[i]!.line, message: `${t} TRAP-TYPE needs ENTERPRISE and "::= number"` });
          i = j;
          continue;
        }
        defs.push({ name: t, kind: 'object', value: [], trap: { enterprise: body[e + 1]!, number: num }, module, file: src.file, line: tk[i]!.line });
        i = j + 1;
        continue;
      }
    }
    if (!kind) continue;
    if (tk[end + 1]?.t !== '{') {
      // "x OBJECT-TYPE MACRO ::= BEGIN" and similar are macro definitions, not assignments.
      if (tk[end + 1]?.t !== 'BEGIN') errors.push({ file: src.file, line: tk[i]!.line, message: `${t}: expected "{ parent number }" after "::="` });
      i = end;
      continue;
    }
    const value: string[] = [];
    let j = end + 2;
    while (j < tk.length && tk[j]!.t !== '}') {
      const x = tk[j]!.t;
      // name(number) counts as the number.
      if (tk[j + 1]?.t === '(' && /^\d+$/.test(tk[j + 2]?.t ?? '') && tk[j + 3]?.t === ')') {
        value.push(value.length === 0 ? `${x}(${tk[j + 2]!.t})` : tk[j + 2]!.t);
        j += 4;
        continue;
      }
      value.push(x);
      j++;
    }
    if (j >= tk.length || !value.length) {
      errors.push({ file: src.file, line: tk[i]!.line, message: `${t}: unterminated or empty "{ … }"` });
      i = j;
      continue;
    }
    defs.push({ name: t, kind, value, module, file: src.file, line: tk[i]!.line });
    i = j;
  }
  return defs;
}

/** Compiles MIB texts to OID names, resolving parents against `known` and each other. */
export function compileMibs(sources: readonly MibSource[], known: OidTable): MibCompileResult {
  const errors: MibError[] = [];
  const modules: string[] = [];
  const defs: Definition[] = [];
  for (const s of sources) {
    try {
      defs.push(...definitions(s, errors, modules));
    } catch (err) {
      errors.push({ file: s.file, line: 0, message: `cannot read: ${(err as Error).message}` });
    }
  }
  const resolved = new Map<string, string>();
  const lookup = (name: string): string | undefined => resolved.get(name) ?? ROOTS[name] ?? known.get(known.oidOf(name) ?? '')?.oid;
  const component = (c: string): string | undefined => (/^\d+$/.test(c) ? c : undefined);
  const entries: OidEntry[] = [];
  let pending = defs;
  // Passes until nothing more resolves: definitions may come in any order, across files.
  for (let progress = true; progress && pending.length; ) {
    progress = false;
    const left: Definition[] = [];
    for (const d of pending) {
      let oid: string | undefined;
      if (d.trap) {
        const base = lookup(d.trap.enterprise);
        if (base) oid = `${base}.0.${d.trap.number}`;
      } else {
        const [first, ...rest] = d.value;
        const m = /^(.*)\((\d+)\)$/.exec(first!);
        const base = /^\d+$/.test(first!) ? first : m ? (lookup(m[1]!) ?? (d.value.length > 1 && m[1] === 'iso' ? '1' : undefined) ?? m[2]) : lookup(first!);
        const tail = rest.map(component);
        if (base !== undefined && tail.every((x) => x !== undefined)) oid = [base, ...tail].join('.');
        else if (tail.some((x) => x === undefined)) {
          errors.push({ file: d.file, line: d.line, message: `${d.name}: "{ ${d.value.join(' ')} }" has a part that is not a number` });
          continue;
        }
      }
      if (oid === undefined) {
        left.push(d);
        continue;
      }
      resolved.set(d.name, oid);
      entries.push({ oid, name: d.name, kind: d.kind, module: d.module });
      progress = true;
    }
    pending = left;
  }
  for (const d of pending) {
    const parent = d.trap ? d.trap.enterprise : d.value[0]!.replace(/\(\d+\)$/, '');
    errors.push({ file: d.file, line: d.line, message: `${d.name}: parent "${parent}" is unknown — import the MIB that defines it in the same command, or first` });
  }
  return { modules, entries, errors };
}
