// Ask first, then act: a warning confirmation box; on confirm the call, a success message and a
// reload. A failed call has already been shown by the request client.
import { ElMessage, ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'

export interface ConfirmActionOptions {
  /** The question in the box. */
  message: string
  /** The confirm button's text; the cancel button says common.cancel. */
  confirmText: string
  /** The call made once the user confirms. */
  action: () => Promise<unknown>
  /** Shown after the call succeeds. */
  success: string
  /** Run after the success message, e.g. reloading the list. */
  reload?: () => void
}

export function useConfirmAction(): (options: ConfirmActionOptions) => Promise<boolean> {
  const { t } = useI18n()

  /** Resolves to whether the action ran and succeeded. */
  return async function confirmAction(options: ConfirmActionOptions): Promise<boolean> {
    try {
      await ElMessageBox.confirm(options.message, t('common.confirmTitle'), {
        type: 'warning',
        confirmButtonText: options.confirmText,
        cancelButtonText: t('common.cancel'),
      })
    } catch {
      return false
    }
    try {
      await options.action()
    } catch {
      // Shown by the request client.
      return false
    }
    ElMessage.success(options.success)
    options.reload?.()
    return true
  }
}
