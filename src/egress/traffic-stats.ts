import type { Clock } from '../core/clock.js';

/** Per-identity traffic seen by this process, for `status` and the anomaly baseline. */
export interface IdentityTraffic {
  readonly identity: string;
  readonly uploadBytes: number;
  readonly downloadBytes: number;
  /** Upload bytes per second over the last full second. */
  readonly uploadRate: number;
  readonly openTunnels: number;
}

interface Counters {
  up: number;
  down: number;
  open: number;
  second: number;
  secondBytes: number;
  lastSecondBytes: number;
}

export class TrafficStats {
  private readonly byIdentity = new Map<string, Counters>();

  constructor(private readonly clock: Clock) {}

  add(identity: string, direction: 'up' | 'down', bytes: number): void {
    const c = this.counters(identity);
    if (direction === 'down') {
      c.down += bytes;
      return;
    }
    c.up += bytes;
    const second = Math.floor(this.clock.now() / 1000);
    if (second !== c.second) {
      c.lastSecondBytes = second === c.second + 1 ? c.secondBytes : 0;
      c.second = second;
      c.secondBytes = 0;
    }
    c.secondBytes += bytes;
  }

  open(identity: string): void {
    this.counters(identity).open += 1;
  }

  closed(identity: string): void {
    this.counters(identity).open -= 1;
  }

  snapshot(): IdentityTraffic[] {
    const second = Math.floor(this.clock.now() / 1000);
    return [...this.byIdentity].map(([identity, c]) => ({
      identity,
      uploadBytes: c.up,
      downloadBytes: c.down,
      uploadRate: c.second === second - 1 ? c.secondBytes : c.second === second ? c.lastSecondBytes : 0,
      openTunnels: c.open,
    }));
  }

  private counters(identity: string): Counters {
    let c = this.byIdentity.get(identity);
    if (!c) {
      c = { up: 0, down: 0, open: 0, second: 0, secondBytes: 0, lastSecondBytes: 0 };
      this.byIdentity.set(identity, c);
    }
    return c;
  }
}
