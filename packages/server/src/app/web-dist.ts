/**
 * @module app/web-dist
 * Where the built web UI lives (found from the server package root, so it works from the bundle too).
 */
export { WEB_DIST } from './paths.ts';
