import { parentPort, workerData } from 'node:worker_threads';
import { Guard } from './guard.js';
import type { ClassifierWorkerData, PolicyMessage, WorkerReply, WorkerRequest } from './classifier-pool.js';
import { loadModelFile } from './model/index.js';

// One classifier thread of a ClassifierPool: the same Guard as the main thread's (same model bytes,
// checked by version, same policy and settings), so a verdict does not depend on which thread made it.
const port = parentPort!;
const data = workerData as ClassifierWorkerData;
try {
  const model = loadModelFile(data.modelFile);
  if (model.version !== data.modelVersion) throw new Error(`the model file changed since the server loaded it (${data.modelFile})`);
  const guard = new Guard(data.policy, model, data.settings);
  port.on('message', (message: WorkerRequest | PolicyMessage) => {
    if (!isBatch(message)) return guard.replacePolicy(message.policy);
    const results: WorkerReply = message.map(({ texts, direction, reuseScope }) => {
      try {
        return texts.map((text) => guard.evaluate(text, direction, reuseScope));
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    });
    port.postMessage({ results });
  });
  port.postMessage({ ready: true });
} catch (error) {
  port.postMessage({ fatal: error instanceof Error ? error.message : String(error) });
}

function isBatch(message: WorkerRequest | PolicyMessage): message is WorkerRequest {
  return Array.isArray(message);
}
