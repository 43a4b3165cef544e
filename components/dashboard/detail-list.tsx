/** A two-column list of labelled values, used by the overview cards. */
export function DetailList({ items }: { items: { label: string; value: React.ReactNode }[] }) {
  return (
    <dl className="grid gap-3 text-sm">
      {items.map(({ label, value }) => (
        <div key={label} className="grid grid-cols-[8rem_1fr] gap-2">
          <dt className="text-muted-foreground">{label}</dt>
          <dd className="min-w-0 break-words">{value}</dd>
        </div>
      ))}
    </dl>
  )
}
