// Node only: gathers what many payloads ask of PostgreSQL at the same moment into one statement.

/**
 * Runs `run` on every item asked while the previous batch was on its way, one batch at a time:
 * a hundred requests filed at once create their data keys in one or two INSERTs, where one each
 * would queue for the codec's few connections while the API's filing transactions wait on them.
 */
export function batched<I, R>(run: (items: I[]) => Promise<Map<I, R>>): (item: I) => Promise<R | undefined> {
  let waiting: { item: I; resolve: (result: R | undefined) => void; reject: (error: unknown) => void }[] = [];
  let running = false;
  const drain = async () => {
    running = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        const results = await run(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve(results.get(entry.item));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    running = false;
  };
  return (item) =>
    new Promise((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
