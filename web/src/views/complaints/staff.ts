// The staff of a complaint's organisation (and of its departments), for the handler and worker
// pickers. GET /users needs orgs.read, which not everyone who registers complaints holds: a refusal
// is not shown, the pickers are simply left out (`available` stays false).
import { ref, shallowRef, type Ref } from 'vue'
import { MAX_PAGE_SIZE } from '@/api/paging'
import { getUserList, type User } from '@/api/users'

export function useComplaintStaff(orgId: Readonly<Ref<number | null>>) {
  const staff = shallowRef<User[]>([])
  const available = ref(false)
  let loadedFor: number | null = null

  async function loadStaff(): Promise<void> {
    const org = orgId.value
    if (org === null || org === loadedFor) return
    try {
      staff.value = (await getUserList({ page_size: MAX_PAGE_SIZE, org_id: org, below: true, active: true }, { silent: true })).items
      available.value = true
      loadedFor = org
    } catch {
      staff.value = []
      available.value = false
    }
  }

  return { staff, available, loadStaff }
}
