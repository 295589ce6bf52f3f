// Look-ups of the organisations and regions in the user's scope, for selects
// and for showing names instead of ids. Loaded on first use, refreshed after edits.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { getOrgList, type Org } from '@/api/orgs'
import { fetchAllPages } from '@/api/paging'
import { getRegionList, type Region } from '@/api/regions'

export interface TreeOption {
  value: number
  label: string
  children?: TreeOption[]
}

/** Builds a tree of select options from a flat list with parent ids. */
export function toTree<T extends { id: number; parent_id: number | null }>(
  items: T[],
  label: (item: T) => string,
): TreeOption[] {
  const byId = new Map<number, TreeOption>()
  for (const item of items) byId.set(item.id, { value: item.id, label: label(item) })
  const roots: TreeOption[] = []
  for (const item of items) {
    const node = byId.get(item.id) as TreeOption
    const parent = item.parent_id === null ? undefined : byId.get(item.parent_id)
    if (parent) (parent.children ??= []).push(node)
    else roots.push(node)
  }
  return roots
}

export const useOrgStore = defineStore('orgs', () => {
  const orgs = shallowRef<Org[]>([])
  const regions = shallowRef<Region[]>([])
  const orgsLoaded = ref(false)
  const regionsLoaded = ref(false)

  const orgNames = computed(() => new Map(orgs.value.map((o) => [o.id, o.name])))
  const regionNames = computed(() => new Map(regions.value.map((r) => [r.id, r.name])))
  const orgTree = computed(() => toTree(orgs.value, (o) => o.name))
  const regionTree = computed(() => toTree(regions.value, (r) => r.name))
  const activeOrgs = computed(() => orgs.value.filter((o) => o.active))

  async function loadOrgs(force = false): Promise<void> {
    if (orgsLoaded.value && !force) return
    const { rows } = await fetchAllPages((page, pageSize) => getOrgList({ page, page_size: pageSize, sort: 'name' }))
    orgs.value = rows
    orgsLoaded.value = true
  }

  async function loadRegions(force = false): Promise<void> {
    if (regionsLoaded.value && !force) return
    regions.value = await getRegionList()
    regionsLoaded.value = true
  }

  function orgName(id: number | null | undefined): string {
    return id == null ? '' : (orgNames.value.get(id) ?? `#${id}`)
  }

  function regionName(id: number | null | undefined): string {
    return id == null ? '' : (regionNames.value.get(id) ?? `#${id}`)
  }

  function reset(): void {
    orgs.value = []
    regions.value = []
    orgsLoaded.value = false
    regionsLoaded.value = false
  }

  return { orgs, regions, orgTree, regionTree, activeOrgs, loadOrgs, loadRegions, orgName, regionName, reset }
})
