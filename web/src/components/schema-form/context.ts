// What SchemaForm hands down to every field of its tree.
import type { InjectionKey } from 'vue'

export interface SchemaFormContext {
  /** Rows were added or removed: issue paths with row numbers no longer point at the right rows. */
  rowsChanged: () => void
}

export const SCHEMA_FORM: InjectionKey<SchemaFormContext> = Symbol('schema-form')
