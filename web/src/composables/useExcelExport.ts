// Exports what a list shows to an .xlsx file. Cells that a spreadsheet would
// read as a formula (starting with = + - @, or a tab / carriage return) are
// neutralised with a leading single quote.
import { ref } from 'vue'
import { reportError, saveFile } from '@/api/request'

export type CellValue = string | number | boolean | null | undefined

export interface ExportColumn<T> {
  header: string
  value: (row: T) => CellValue
  width?: number
}

const FORMULA_START = /^[=+\-@\t\r]/

/** A text cell that cannot run as a formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

/** Rows of plain values, headers first, every text neutralised. */
export function toSheetRows<T>(columns: ExportColumn<T>[], rows: T[]): (string | number)[][] {
  const out: (string | number)[][] = [columns.map((c) => neutraliseCell(c.header))]
  for (const row of rows) {
    out.push(
      columns.map((c) => {
        const v = c.value(row)
        if (typeof v === 'number') return v
        if (v === null || v === undefined) return ''
        return neutraliseCell(String(v))
      }),
    )
  }
  return out
}

export function useExcelExport() {
  const exporting = ref(false)

  /** Writes the rows to `<fileName>.xlsx` and offers it for download; answers the row count or null. */
  async function exportRows<T>(fileName: string, columns: ExportColumn<T>[], load: () => Promise<T[]>): Promise<number | null> {
    exporting.value = true
    try {
      const rows = await load()
      const { default: writeExcelFile } = await import('write-excel-file/universal')
      const data = toSheetRows(columns, rows).map((r, i) =>
        r.map((value) => ({ value, fontWeight: i === 0 ? ('bold' as const) : undefined })),
      )
      const blob = await writeExcelFile(data, { columns: columns.map((c) => ({ width: c.width ?? 18 })) }).toBlob()
      saveFile({ blob, fileName: `${fileName}.xlsx` }, `${fileName}.xlsx`)
      return rows.length
    } catch (error) {
      reportError(error)
      return null
    } finally {
      exporting.value = false
    }
  }

  return { exporting, exportRows }
}
