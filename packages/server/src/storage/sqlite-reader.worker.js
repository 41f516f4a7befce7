// Worker-thread entry of a SQLite reader: loads the TypeScript module through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-reader-thread.ts');
