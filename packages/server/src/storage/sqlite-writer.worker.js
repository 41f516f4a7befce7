// Worker-thread entry of the SQLite writer: loads the TypeScript module through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-writer-thread.ts');
