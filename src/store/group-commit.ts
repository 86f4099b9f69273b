/**
 * Group commit. Every caller still waits until its own item is committed, but one group is committed
 * at a time and every item that arrives while it is being committed joins the next one: under load a
 * whole group shares one transaction (one fsync) instead of one each. If a group fails, its items are
 * retried one by one so a single bad item fails only its own caller. Items commit in arrival order.
 */
export interface GroupCommit<Item, Result> {
  readonly submit: (item: Item) => Promise<Result>;
  /** Resolves once every item submitted so far has been committed (or has failed). */
  readonly drained: () => Promise<void>;
}

export interface GroupCommitOptions {
  /** At most this many items per commit (bounds a statement's parameters or a transaction's length). */
  readonly maxGroup: number;
  /**
   * true: the first item waits for the end of this event-loop turn, so items submitted in the same
   * turn share its commit. false: a lone item commits at once; only later arrivals are grouped.
   */
  readonly waitForTurn: boolean;
}

interface Pending<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/** `commit` writes `items` in one transaction and returns one result per item, in order. */
export function groupCommit<Item, Result>(commit: (items: readonly Item[]) => Promise<readonly Result[]>, options: GroupCommitOptions): GroupCommit<Item, Result> {
  const queue: Pending<Item, Result>[] = [];
  let committing = false;
  const whenDrained: (() => void)[] = [];
  const commitGroup = async (group: readonly Pending<Item, Result>[]): Promise<void> => {
    try {
      const results = await commit(group.map((p) => p.item));
      group.forEach((p, i) => p.resolve(results[i]!));
      return;
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
    }
    for (const p of group) await commit([p.item]).then((results) => p.resolve(results[0]!), p.reject);
  };
  const flush = async (): Promise<void> => {
    committing = true;
    while (queue.length > 0) await commitGroup(queue.splice(0, options.maxGroup));
    committing = false;
    for (const done of whenDrained.splice(0)) done();
  };
  return {
    submit: (item) =>
      new Promise<Result>((resolve, reject) => {
        queue.push({ item, resolve, reject });
        if (queue.length > 1 || committing) return;
        if (options.waitForTurn) setImmediate(() => void flush());
        else void flush();
      }),
    drained: () => (queue.length === 0 && !committing ? Promise.resolve() : new Promise<void>((done) => whenDrained.push(done))),
  };
}
