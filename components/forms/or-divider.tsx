/** The "or" between two ways of doing one thing (a password form and a passkey button). */
export function OrDivider() {
  return (
    <div className="text-muted-foreground flex items-center gap-3 text-xs uppercase" aria-hidden>
      <span className="bg-border h-px flex-1" />
      or
      <span className="bg-border h-px flex-1" />
    </div>
  )
}
