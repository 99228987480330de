/**
 * Runs tasks with at most `globalLimit` at once and one at a time per host, so a site
 * carrying several of our feeds sees one polite client, not a burst.
 */
export interface HostLimiter {
  run<T>(url: string, task: () => Promise<T>): Promise<T>;
}

export function createHostLimiter(globalLimit: number): HostLimiter {
  let active = 0;
  const busyHosts = new Set<string>();
  const waiting: { readonly host: string; readonly start: () => void }[] = [];

  const pump = (): void => {
    for (let i = 0; i < waiting.length && active < globalLimit; ) {
      const next = waiting[i]!;
      if (busyHosts.has(next.host)) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      active++;
      busyHosts.add(next.host);
      next.start();
    }
  };

  return {
    run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = hostOf(url);
      return new Promise<T>((resolve, reject) => {
        waiting.push({
          host,
          start: () => {
            task()
              .then(resolve, reject)
              .finally(() => {
                active--;
                busyHosts.delete(host);
                pump();
              });
          },
        });
        pump();
      });
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}
