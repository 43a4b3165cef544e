/**
 * What a stand-in server has received (mails, push messages), and waiting for one that matches:
 * already arrived, or arriving within `timeoutMs`.
 */
export function arrivals<T>(what: string) {
  const items: T[] = []
  const waiters: { match: (item: T) => boolean; resolve: (item: T) => void }[] = []
  return {
    items,
    add(item: T) {
      items.push(item)
      for (const waiter of waiters.filter((candidate) => candidate.match(item))) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(item)
      }
    },
    waitFor(match: (item: T) => boolean, timeoutMs = 5_000): Promise<T> {
      const arrived = items.find(match)
      if (arrived) return Promise.resolve(arrived)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching ${what} arrived`)), timeoutMs)
        waiters.push({
          match,
          resolve: (item) => {
            clearTimeout(timer)
            resolve(item)
          },
        })
      })
    },
  }
}
