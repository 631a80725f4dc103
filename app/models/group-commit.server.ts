// Group commit (docs/decisions/012): what callers submit while a write is under way, or in the same
// turn of the event loop, is written by the next single call of `writeAll`: one transaction and one
// fsync for all of them instead of one each.

type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

/**
 * Returns `submit`, which resolves once the item's batch is written. `writeAll` answers one result
 * per item, in order. A batch that fails with an error `isItemError` accepts is written again item by
 * item, so one bad item fails alone; any other error fails the whole batch.
 */
export function groupCommit<Item, Result>(
  writeAll: (items: Item[]) => Promise<Result[]>,
  options: { maxItems: number; isItemError: (error: unknown) => boolean },
): (item: Item) => Promise<Result> {
  let waiting: Waiting<Item, Result>[] = [];
  let draining = false;

  async function write(batch: Waiting<Item, Result>[]): Promise<void> {
    try {
      const results = await writeAll(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => entry.resolve(results[index]!));
    } catch (error) {
      if (batch.length > 1 && options.isItemError(error)) for (const entry of batch) await write([entry]);
      else for (const entry of batch) entry.reject(error);
    }
  }

  async function drain(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, options.maxItems);
      waiting = waiting.slice(options.maxItems);
      await write(batch);
    }
    draining = false;
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (draining) return;
      draining = true;
      setImmediate(() => void drain());
    });
}
