import { describe, expect, it } from 'vitest'
import { neutraliseCell, toSheetRows } from '@/composables/useExcelExport'

describe('Excel export', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+86 138', `'+86 138`],
    ['-1', `'-1`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcmd', `'\tcmd`],
    ['江城市阳光社会工作服务中心', '江城市阳光社会工作服务中心'],
    ['027-87651234', '027-87651234'],
    ['', ''],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected)
  })

  it('writes headers first, keeps numbers and blanks out nulls', () => {
    const rows = toSheetRows(
      [
        { header: '编号', value: (r: { id: number; name: string | null }) => r.id },
        { header: '名称', value: (r: { id: number; name: string | null }) => r.name },
      ],
      [
        { id: 1, name: '=cmd' },
        { id: 2, name: null },
      ],
    )
    expect(rows).toEqual([
      ['编号', '名称'],
      [1, `'=cmd`],
      [2, ''],
    ])
  })
})
