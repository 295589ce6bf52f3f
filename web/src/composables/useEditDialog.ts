// The open/closed state of a create-or-edit dialog and the row it edits (null when creating).
import { ref, type Ref } from 'vue'

export interface EditDialog<T> {
  visible: Ref<boolean>
  editing: Ref<T | null>
  openCreate: () => void
  openEdit: (row: T) => void
}

export function useEditDialog<T>(): EditDialog<T> {
  const visible = ref(false)
  const editing = ref(null) as Ref<T | null>

  function openCreate(): void {
    editing.value = null
    visible.value = true
  }

  function openEdit(row: T): void {
    editing.value = row
    visible.value = true
  }

  return { visible, editing, openCreate, openEdit }
}
