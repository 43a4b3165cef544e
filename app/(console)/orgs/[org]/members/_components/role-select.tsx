import { Label } from '@/components/ui/label'
import { NativeSelect } from '@/components/ui/native-select'

export function RoleSelect({
  id = 'role',
  roles,
  defaultValue,
  errors,
}: {
  id?: string
  roles: string[]
  defaultValue?: string
  errors?: string[]
}) {
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>Role</Label>
      <NativeSelect
        id={id}
        name="role"
        defaultValue={defaultValue ?? roles.at(-1)}
        aria-invalid={errors?.length ? true : undefined}
      >
        {roles.map((role) => (
          <option key={role} value={role}>
            {role}
          </option>
        ))}
      </NativeSelect>
      {errors?.map((error) => (
        <p key={error} className="text-destructive text-sm">
          {error}
        </p>
      ))}
    </div>
  )
}
