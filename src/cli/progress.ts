import { SingleBar, Presets } from 'cli-progress';

/** A progress bar on stderr (so --json output on stdout stays clean); silent when stderr is not a TTY. */
export function createProgress(label: string): { update(done: number, total: number): void; stop(): void } {
  if (!process.stderr.isTTY) {
    let lastPercent = -10;
    return {
      update(done, total) {
        const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
        if (percent >= lastPercent + 10) {
          lastPercent = percent;
          process.stderr.write(`${label}: ${percent}% (${done}/${total})\n`);
        }
      },
      stop() {},
    };
  }
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta}s`, stream: process.stderr }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
