// The staff of an organisation and of its departments, for the people pickers of the quality forms
// (supervisees, attendees, owners of actions and objectives, auditors): a supervisor at the agency
// picks a worker who sits in one of its departments. Loaded once per organisation, when a form
// first needs them; a failure is reported and leaves the list as it was.
import { shallowRef, type Ref } from 'vue'
import { MAX_PAGE_SIZE } from '@/api/paging'
import { reportError } from '@/api/request'
import { getUserList, type User } from '@/api/users'

export function useColleagues(orgId: Readonly<Ref<number | null>>) {
  const colleagues = shallowRef<User[]>([])
  let loadedFor: number | null = null
  async function loadColleagues(): Promise<void> {
    const org = orgId.value
    if (org === null || org === loadedFor) return
    try {
      colleagues.value = (await getUserList({ page_size: MAX_PAGE_SIZE, org_id: org, below: true })).items
      loadedFor = org
    } catch (error) {
      reportError(error)
    }
  }
  return { colleagues, loadColleagues }
}
