/** One action of a table row, shown by TableRowActions as a link button or a menu entry. */
export interface RowAction<C extends string = string> {
  command: C
  label: string
  /** Destructive (deactivate, delete): shown in the danger colour. */
  danger?: boolean
}
