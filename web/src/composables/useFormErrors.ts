// Field errors from the server, shown under the fields that caused them.
// `capture` takes a failed call's error: every detail whose field the form
// shows goes under that field; whatever is left is shown once as a message.
import { reactive } from 'vue'
import { isApiError, reportError } from '@/api/request'

export interface CaptureOptions {
  /** Whether the form shows an error for this field name (e.g. "memberships[0].role"). */
  shows: (field: string) => boolean
  /** Errors without details that belong to a field, e.g. {"orgs.username_taken": "username"}. */
  codeFields?: Record<string, string>
}

export function useFormErrors() {
  const errors = reactive<Record<string, string>>({})

  function clear(field?: string): void {
    if (field !== undefined) {
      delete errors[field]
      return
    }
    for (const key of Object.keys(errors)) delete errors[key]
  }

  /** Places the error's field issues; shows the rest once. Returns whether anything went to a field. */
  function capture(error: unknown, options: CaptureOptions): boolean {
    clear()
    if (!isApiError(error)) {
      reportError(error)
      return false
    }
    const mapped = options.codeFields?.[error.code]
    if (mapped && error.details.length === 0) {
      errors[mapped] = error.message
      error.shown = true
      return true
    }
    const leftovers = error.details.filter((d) => !options.shows(d.field))
    for (const d of error.details) {
      if (options.shows(d.field) && !(d.field in errors)) errors[d.field] = d.message
    }
    const placed = error.details.length > leftovers.length
    if (!placed || leftovers.length > 0) {
      if (placed) {
        // Only the issues no field shows go into the message.
        error.details.splice(0, error.details.length, ...leftovers)
      }
      reportError(error)
    } else {
      error.shown = true
    }
    return placed
  }

  return { errors, clear, capture }
}
