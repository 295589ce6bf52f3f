/** One action of a table row, shown by TableRowActions as a link button or a menu entry. */
export interface RowAction<C extends string = string> {
  command: C
  label: string
  /** Destructive (deactivate, delete): shown in the danger colour. */
  danger?: boolean
  /** The data-test name when a page's tests know it by another than `row-action-<command>`. */
  test?: string
}
