// Worker-thread entry of the search indexer: loads the TypeScript module through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./search-indexer-thread.ts');
