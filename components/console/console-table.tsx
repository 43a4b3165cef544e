import { Card, CardContent } from '@/components/ui/card'
import { Table, TableBody, TableHead, TableHeader, TableRow } from '@/components/ui/table'
import { cn } from '@/lib/utils'

export interface ConsoleColumn {
  label: string
  className?: string
}

/** A console list: a card holding a table whose last column is the row's actions menu. */
export function ConsoleTable({ columns, children }: { columns: ConsoleColumn[]; children: React.ReactNode }) {
  return (
    <Card className="py-2">
      <CardContent className="px-2 sm:px-4">
        <Table>
          <TableHeader>
            <TableRow>
              {columns.map((column) => (
                <TableHead key={column.label} className={column.className}>
                  {column.label}
                </TableHead>
              ))}
              <TableHead className="w-12">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>{children}</TableBody>
        </Table>
      </CardContent>
    </Card>
  )
}

/** A name over a smaller second line (e-mail, kind), truncated rather than wrapped. */
export function TwoLineCell({
  primary,
  secondary,
  className,
}: {
  primary: React.ReactNode
  secondary: React.ReactNode
  className?: string
}) {
  return (
    <div className={cn('grid min-w-0', className)}>
      <span className="truncate font-medium">{primary}</span>
      <span className="text-muted-foreground truncate text-xs">{secondary}</span>
    </div>
  )
}
