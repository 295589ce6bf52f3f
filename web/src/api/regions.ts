// The region tree: city → district (区) → street (街道) → community (社区), served flat.
import { endpoint, type CallOptions, type RequestBody } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

export const REGION_LEVELS = ['city', 'district', 'street', 'community'] as const satisfies readonly Schemas['RegionLevel'][]
export type RegionLevel = Schemas['RegionLevel']

export type Region = Schemas['Region']

export type RegionInput = RequestBody<'/api/v1/regions', 'post'>

export type RegionRename = RequestBody<'/api/v1/regions/{id}', 'patch'>

const list = endpoint('GET', '/api/v1/regions')
const create = endpoint('POST', '/api/v1/regions')
const patch = endpoint('PATCH', '/api/v1/regions/{id}')

export async function getRegionList(options?: CallOptions): Promise<Region[]> {
  return (await list({ ...options })).items
}

export function createRegion(input: RegionInput, options?: CallOptions): Promise<Region> {
  return create({ body: input, ...options })
}

/** Renames a region or changes its code. */
export function updateRegion(id: number, changes: RegionRename, options?: CallOptions): Promise<Region> {
  return patch({ params: { id }, body: changes, ...options })
}

/** The level a child of `level` has, or null below a community. */
export function childLevel(level: RegionLevel | null): RegionLevel | null {
  if (level === null) return 'city'
  const next = REGION_LEVELS.indexOf(level) + 1
  return next < REGION_LEVELS.length ? REGION_LEVELS[next] : null
}
