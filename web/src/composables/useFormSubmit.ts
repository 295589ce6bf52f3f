// A form dialog's save: `saving` while the call runs, the server's field errors under their fields
// (useFormErrors), the user's input kept when the save fails.
import { ref } from 'vue'
import { useFormErrors, type CaptureOptions } from './useFormErrors'

export function useFormSubmit() {
  const saving = ref(false)
  const { errors, clear, capture } = useFormErrors()

  /** Clears the errors and runs `save`; a failure goes to the fields per `options`. Resolves to whether it succeeded. */
  async function submitWith(save: () => Promise<void>, options: CaptureOptions): Promise<boolean> {
    saving.value = true
    clear()
    try {
      await save()
      return true
    } catch (error) {
      capture(error, options)
      return false
    } finally {
      saving.value = false
    }
  }

  return { saving, errors, clear, capture, submitWith }
}
