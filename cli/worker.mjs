// Worker thread entry for `sourcelens scan --workers N`. Plain JavaScript so that Node can start
// it as it is; it registers tsx in this thread (module hooks are per thread) and then loads the
// TypeScript worker, the same way bin/sourcelens.mjs starts the command line.
//
// happy-dom is imported before tsx is registered: loaded through tsx's hooks its few hundred
// files take about three times as long (≈1.2 s of CPU instead of 0.4 s), and every worker pays
// that at start. The TypeScript modules then get this same instance from the module cache.
import 'happy-dom';
import { register } from 'tsx/esm/api';

register();
await import('./worker-main.ts');
