// Worker-thread entry of the SQLite metrics file: loads the TypeScript module through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./sqlite-metrics-thread.ts');
