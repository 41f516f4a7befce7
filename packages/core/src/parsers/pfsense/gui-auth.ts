/**
 * @module parsers/pfsense/gui-auth
 * Web GUI logins on pfSense (`webConfigurator authentication error for user 'x' from: IP`,
 * `Successful login for user 'x' from: IP`) and OPNsense (`Web GUI authentication error for 'x' from IP`).
 */
import type { FieldValue } from '@vigil/contracts';
import type { ParseContext, ParseResult } from '../types.ts';
import { setAddress } from '../shared/text.ts';

const PATTERNS: ReadonlyArray<[RegExp, string, 'success' | 'failure']> = [
  [/webConfigurator authentication error for user '([^']*)' from:? ?(\S+)/, 'pfsense.gui', 'failure'],
  [/Successful login for user '([^']*)' from:? ?(\S+)/, 'pfsense.gui', 'success'],
  [/Web GUI authentication error for '([^']*)' from (\S+)/, 'opnsense.gui', 'failure'],
  [/[Uu]ser '([^']*)' logged in successfully from:? ?(\S+)|Successful login for '([^']*)' from (\S+)/, 'opnsense.gui', 'success'],
];

/** True when the message looks like a pfSense/OPNsense GUI login line. */
export function looksLikeGuiAuth(line: string): boolean {
  return line.indexOf('/index.php') >= 0 || line.indexOf('webConfigurator') >= 0 || line.indexOf('Web GUI') >= 0;
}

/** Parses a GUI login line; null when it is not one. */
export function parseGuiAuth(line: string, _ctx: ParseContext): ParseResult | null {
  for (const [re, dataset, outcome] of PATTERNS) {
    const m = re.exec(line);
    if (!m) continue;
    const user = m[1] ?? m[3] ?? '';
    const from = m[2] ?? m[4] ?? '';
    const f: Record<string, FieldValue> = {
      'event.dataset': dataset,
      'event.category': 'authentication',
      'event.action': 'web_login',
      'event.outcome': outcome,
      'observer.product': dataset === 'opnsense.gui' ? 'OPNsense' : 'pfSense',
      'user.name': user,
      message: line,
    };
    setAddress(f, 'source', from.replace(/[,)]$/, ''));
    return { fields: f, parser: 'pfsense-gui', ok: true };
  }
  return null;
}
