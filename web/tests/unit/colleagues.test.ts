// useColleagues against a stubbed server: an organisation's staff with its departments' (below=true),
// loaded once per organisation and again when the organisation changes; a failure keeps the list.
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useColleagues } from '@/composables/useColleagues'
import { errorBody, mockFetch } from './fetchMock'

const person = (id: number, name: string) => ({ id, username: `u${id}`, display_name: name })
const page = (items: unknown[]) => ({ items, total: items.length, page: 1, page_size: 200 })

describe('useColleagues', () => {
  it('asks for the organisation and those below it, once per organisation', async () => {
    const { requests } = mockFetch([{ body: page([person(1, '王芳')]) }, { body: page([person(2, '赵丽')]) }])
    const org = ref<number | null>(3)
    const { colleagues, loadColleagues } = useColleagues(org)
    await loadColleagues()
    await loadColleagues()
    expect(requests).toHaveLength(1)
    const url = new URL(requests[0].url, 'http://x')
    expect(url.pathname).toBe('/api/v1/users')
    expect(url.searchParams.get('org_id')).toBe('3')
    expect(url.searchParams.get('below')).toBe('true')
    expect(colleagues.value.map((u) => u.display_name)).toEqual(['王芳'])

    org.value = 7
    await loadColleagues()
    expect(requests).toHaveLength(2)
    expect(new URL(requests[1].url, 'http://x').searchParams.get('org_id')).toBe('7')
    expect(colleagues.value.map((u) => u.display_name)).toEqual(['赵丽'])
  })

  it('asks nothing without an organisation and keeps the list when the server refuses', async () => {
    const { requests } = mockFetch([{ status: 403, body: errorBody('forbidden', '没有权限') }, { body: page([person(1, '王芳')]) }])
    const org = ref<number | null>(null)
    const { colleagues, loadColleagues } = useColleagues(org)
    await loadColleagues()
    expect(requests).toHaveLength(0)
    org.value = 3
    await loadColleagues()
    expect(colleagues.value).toEqual([])
    await loadColleagues() // not loaded yet: asked again
    expect(colleagues.value.map((u) => u.display_name)).toEqual(['王芳'])
  })
})
