// Preloaded into the server (NODE_OPTIONS=--require) by bench/run.mjs: measures event-loop delay
// inside the server process. SIGUSR2 writes the histogram since the last signal to
// $GATEHOUSE_BENCH_DIR/eld-<pid>.json and starts a new one.
const { monitorEventLoopDelay } = require('node:perf_hooks')
const { writeFileSync } = require('node:fs')
const { join } = require('node:path')

const dir = process.env.GATEHOUSE_BENCH_DIR
if (dir) {
  const histogram = monitorEventLoopDelay({ resolution: 1 })
  histogram.enable()
  process.on('SIGUSR2', () => {
    const ms = (ns) => Math.round((ns / 1e6) * 100) / 100
    const snapshot = {
      pid: process.pid,
      count: histogram.count,
      p50: ms(histogram.percentile(50)),
      p99: ms(histogram.percentile(99)),
      max: ms(histogram.max),
      rss: process.memoryUsage().rss,
    }
    writeFileSync(join(dir, `eld-${process.pid}.json`), JSON.stringify(snapshot))
    histogram.reset()
  })
}
