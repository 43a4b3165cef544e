import { readdirSync, readFileSync } from 'node:fs'

const MIB = 1024 * 1024

/** Resident set size of the largest process in the server's process group (the one that serves). */
function serverRss(pgid) {
  let largest = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== pgid) continue
      const rss = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024
      largest = Math.max(largest, rss)
    } catch {}
  }
  return largest
}

/** Runs `work` while sampling the server's RSS; the peak and the baseline before it, in MiB. */
export async function withRss(server, work) {
  const baseline = serverRss(server.child.pid)
  let peak = baseline
  const timer = setInterval(() => (peak = Math.max(peak, serverRss(server.child.pid))), 100)
  const started = performance.now()
  try {
    await work()
  } finally {
    clearInterval(timer)
  }
  return {
    seconds: (performance.now() - started) / 1000,
    baseline_mib: Math.round(baseline / MIB),
    peak_mib: Math.round(Math.max(peak, serverRss(server.child.pid)) / MIB),
  }
}
