import { ConsoleTable } from '@/components/console/console-table'
import { TableCell, TableRow } from '@/components/ui/table'
import { formatBytes, formatDateTime } from '@/lib/format'

export interface FileRow {
  id: string
  name: string
  size: number
  sha256: string
  createdAt: Date
  createdBy: string
}

/**
 * The org's files, newest first, with each row's actions on the right. `showUploader`: members see
 * who uploaded a file; guests do not (it is a member's e-mail address).
 */
export function FilesTable({
  files,
  showUploader,
  actions,
}: {
  files: FileRow[]
  showUploader: boolean
  actions: (file: FileRow) => React.ReactNode
}) {
  if (files.length === 0)
    return (
      <p className="text-muted-foreground rounded-md border border-dashed p-8 text-center text-sm">No files yet.</p>
    )
  return (
    <ConsoleTable
      columns={[
        { label: 'File' },
        { label: 'Size', className: 'hidden sm:table-cell' },
        { label: 'Uploaded', className: 'hidden md:table-cell' },
      ]}
    >
      {files.map((file) => (
        <TableRow key={file.id}>
          <TableCell className="align-top whitespace-normal">
            <div className="grid gap-0.5">
              <span className="font-medium break-all">{file.name}</span>
              <span className="text-muted-foreground font-mono text-xs" title={file.sha256}>
                sha256 {file.sha256.slice(0, 12)}…<span className="sm:hidden"> · {formatBytes(file.size)}</span>
              </span>
            </div>
          </TableCell>
          <TableCell className="hidden align-top sm:table-cell">{formatBytes(file.size)}</TableCell>
          <TableCell className="text-muted-foreground hidden align-top text-xs md:table-cell">
            <div className="grid gap-0.5">
              <span>{formatDateTime(file.createdAt)}</span>
              {showUploader && <span>{file.createdBy}</span>}
            </div>
          </TableCell>
          <TableCell className="text-right align-top">{actions(file)}</TableCell>
        </TableRow>
      ))}
    </ConsoleTable>
  )
}
