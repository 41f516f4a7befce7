// Worker-thread entry of the detection engine: loads the TypeScript module through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./detection-thread.ts');
