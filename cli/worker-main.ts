/**
 * A scan worker: loads the registry once, then scans the tasks the main thread sends, one at a
 * time, answering each with its outcome (see cli/pool).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadBundledRegistry, loadRegistryFile } from './registry';
import { runTask } from './scan';
import type { ScanTask } from './tasks';

const port = parentPort;
if (!port) throw new Error('cli/worker-main.ts runs in a worker thread');
const { registryFile } = (workerData ?? {}) as { registryFile?: string };
const { resolver } = registryFile ? loadRegistryFile(registryFile) : loadBundledRegistry();

port.on('message', async (task: ScanTask) => {
  port.postMessage(await runTask(task, resolver));
});
port.postMessage({ ready: true });
