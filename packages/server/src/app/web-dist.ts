/**
 * @module app/web-dist
 * Where the built web UI lives.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built web UI's folder. */
export const WEB_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../../web/dist');
