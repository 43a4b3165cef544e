import autocannon from 'autocannon'
import { BASE } from './server.mjs'

function cannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${BASE}${options.path}`, connections: 50, duration: 10, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    )
  })
}

/** One target: a 3 s warm-up, then 10 s at 50 connections. */
export async function measure(target) {
  await cannon({ path: target.path, headers: target.headers, duration: 3 })
  const result = await cannon({ path: target.path, headers: target.headers })
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  }
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/** Targets measured round-robin, so that drift of the machine hits all of them alike. */
export async function roundRobin(targets, rounds) {
  const runs = Object.fromEntries(targets.map((target) => [target.name, []]))
  for (let round = 0; round < rounds; round++) {
    for (const target of targets) runs[target.name].push(await measure(target))
  }
  return runs
}
