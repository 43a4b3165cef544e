/**
 * deploy/prometheus/alerts.yml and deploy/grafana/gatehouse-dashboard.json parse, and name only
 * metrics (and labels of them) that the server exports: a renamed metric must not leave an alert
 * that can never fire.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { metrics } from './registry'

const ROOT = join(__dirname, '..', '..')
const HISTOGRAM_SERIES = /_(bucket|sum|count)$/
// Labels Prometheus adds to every series it scrapes, and the histogram bucket bound.
const SCRAPE_LABELS = new Set(['instance', 'job', 'le'])

async function exported(): Promise<Map<string, Set<string>>> {
  const families = await metrics().registry.getMetricsAsJSON()
  const names = new Map<string, Set<string>>()
  for (const family of families) {
    const labels = new Set(family.values.flatMap((value) => Object.keys(value.labels)))
    for (const label of (family as { labelNames?: string[] }).labelNames ?? []) labels.add(label)
    names.set(family.name, labels)
  }
  // Declared label names, also for counters no request has touched yet.
  for (const metric of Object.values(metrics()))
    if (metric && typeof metric === 'object' && 'labelNames' in metric) {
      const { name, labelNames } = metric as unknown as { name: string; labelNames: string[] }
      for (const label of labelNames) names.get(name)?.add(label)
    }
  return names
}

/** Each metric an expression reads, with the labels it matches or groups by. */
function references(expr: string): { metric: string; labels: string[] }[] {
  const found: { metric: string; labels: string[] }[] = []
  const grouped = [...expr.matchAll(/\bby\s*\(([^)]*)\)/g)].flatMap((match) => match[1].split(',').map((l) => l.trim()))
  for (const match of expr.matchAll(/\b(gatehouse_[a-z0-9_]+)(\{([^}]*)\})?/g)) {
    const matchers = (match[3] ?? '').split(',').flatMap((part) => {
      const label = /^\s*([a-z_]+)\s*(=~|!=|!~|=)/.exec(part)?.[1]
      return label ? [label] : []
    })
    found.push({ metric: match[1], labels: matchers })
  }
  return found.map((reference) => ({ ...reference, labels: [...reference.labels, ...grouped] }))
}

function expectExported(names: Map<string, Set<string>>, expr: string) {
  const refs = references(expr)
  expect(refs.length, expr).toBeGreaterThan(0)
  for (const { metric, labels } of refs) {
    const base = names.has(metric) ? metric : metric.replace(HISTOGRAM_SERIES, '')
    expect(names.has(base), `${metric} in ${expr}`).toBe(true)
    // A grouping label may belong to another metric of the same expression.
    const known = new Set([
      ...SCRAPE_LABELS,
      ...refs.flatMap((ref) => [
        ...(names.get(ref.metric.replace(HISTOGRAM_SERIES, '')) ?? names.get(ref.metric) ?? []),
      ]),
    ])
    for (const label of labels) expect(known.has(label), `label ${label} of ${metric} in ${expr}`).toBe(true)
  }
}

describe('monitoring files in deploy/', () => {
  it('alerts.yml has the four alerts, each complete, on exported metrics', async () => {
    const names = await exported()
    const { groups } = parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8'))
    const rules = groups.flatMap((group: { rules: unknown[] }) => group.rules)
    expect(rules.map((rule: { alert: string }) => rule.alert)).toEqual([
      'GatehouseNotReady',
      'GatehouseFailedSignInsSpike',
      'GatehouseRateLimitHitsSpike',
      'GatehouseHighErrorRate',
    ])
    for (const rule of rules) {
      expect(rule).toMatchObject({
        expr: expect.any(String),
        for: expect.stringMatching(/^\d+m$/),
        labels: { severity: expect.stringMatching(/^(warning|critical)$/) },
        annotations: { summary: expect.any(String), description: expect.any(String) },
      })
      expectExported(names, rule.expr)
    }
  })

  it('the Grafana dashboard parses and every panel queries exported metrics', async () => {
    const names = await exported()
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/gatehouse-dashboard.json'), 'utf8'))
    expect(dashboard).toMatchObject({ title: 'Gatehouse', uid: 'gatehouse' })
    const exprs = dashboard.panels.flatMap((panel: { targets: { expr: string }[] }) => panel.targets.map((t) => t.expr))
    expect(exprs.length).toBeGreaterThanOrEqual(8)
    for (const expr of exprs) expectExported(names, expr)
  })

  it('would catch a metric or a label the server does not export', async () => {
    const names = await exported()
    expect(() => expectExported(names, 'rate(gatehouse_logins_total[5m])')).toThrow()
    expect(() => expectExported(names, 'sum by (tenant) (rate(gatehouse_rate_limit_hits_total[5m]))')).toThrow()
    expect(() => expectExported(names, 'gatehouse_ready{zone="a"}')).toThrow()
  })
})
