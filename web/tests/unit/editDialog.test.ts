// useEditDialog: one dialog for creating (nothing being edited) and editing a row.
import { describe, expect, it } from 'vitest'
import { toRaw } from 'vue'
import { useEditDialog } from '@/composables/useEditDialog'

describe('useEditDialog', () => {
  it('starts closed with nothing being edited', () => {
    const { visible, editing } = useEditDialog<{ id: number }>()
    expect(visible.value).toBe(false)
    expect(editing.value).toBeNull()
  })

  it('opens for a row, then for a new one', () => {
    const { visible, editing, openCreate, openEdit } = useEditDialog<{ id: number }>()
    const row = { id: 7 }
    openEdit(row)
    expect(visible.value).toBe(true)
    expect(toRaw(editing.value)).toBe(row)
    visible.value = false
    openCreate()
    expect(visible.value).toBe(true)
    expect(editing.value).toBeNull()
  })
})
