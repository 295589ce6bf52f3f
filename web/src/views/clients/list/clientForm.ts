// The client dialog's form model: what it starts from, what it sends, and which server field
// issues it shows under a field ("household[0].name" included).
import type { Client, ClientCategory, ClientFields, Gender, HouseholdMember } from '@/api/clients'

export interface ConsentRow {
  kind: string
  scope: string
  given_on: string
  /** '' while the consent holds. */
  withdrawn_on: string
}

export interface ClientForm {
  org_id: number | null
  name: string
  gender: Gender
  birth_date: string
  /** In clear as typed; when editing, '' keeps the one on record (only its masked form is known here). */
  id_number: string
  phone: string
  address: string
  region_id: number | null
  categories: ClientCategory[]
  disability_level: number | null
  household: HouseholdMember[]
  consents: ConsentRow[]
  risk_flags: string[]
  notes: string
}

export function emptyForm(orgId: number | null): ClientForm {
  return {
    org_id: orgId,
    name: '',
    gender: 'unknown',
    birth_date: '',
    id_number: '',
    phone: '',
    address: '',
    region_id: null,
    categories: [],
    disability_level: null,
    household: [],
    consents: [],
    risk_flags: [],
    notes: '',
  }
}

export function formFromClient(c: Client): ClientForm {
  return {
    org_id: c.org_id,
    name: c.name,
    gender: c.gender,
    birth_date: c.birth_date ?? '',
    id_number: '',
    phone: '',
    address: c.address,
    region_id: c.region_id,
    categories: [...c.categories],
    disability_level: c.disability_level,
    household: c.household.map((m) => ({ ...m })),
    consents: c.consents.map((k) => ({ ...k, withdrawn_on: k.withdrawn_on ?? '' })),
    risk_flags: [...c.risk_flags],
    notes: c.notes,
  }
}

/**
 * The fields to send, texts trimmed. When editing, an empty ID number or phone is left out so that
 * the one on record stays.
 */
export function formFields(form: ClientForm, editing: boolean): ClientFields {
  const fields: ClientFields = {
    name: form.name.trim(),
    gender: form.gender,
    birth_date: form.birth_date,
    address: form.address.trim(),
    region_id: form.region_id,
    categories: [...form.categories],
    // A level only goes with the category; the server refuses it alone.
    disability_level: form.categories.includes('disabled') ? form.disability_level : null,
    household: form.household.map((m) => ({ name: m.name.trim(), relation: m.relation.trim(), contact: m.contact.trim() })),
    consents: form.consents.map((k) => ({
      kind: k.kind.trim(),
      scope: k.scope.trim(),
      given_on: k.given_on,
      withdrawn_on: k.withdrawn_on || null,
    })),
    risk_flags: form.risk_flags.map((f) => f.trim()),
    notes: form.notes.trim(),
  }
  const idNumber = form.id_number.trim()
  const phone = form.phone.trim()
  if (idNumber || !editing) fields.id_number = idNumber
  if (phone || !editing) fields.phone = phone
  return fields
}

const TOP_FIELDS = new Set([
  'org_id',
  'name',
  'gender',
  'birth_date',
  'id_number',
  'phone',
  'address',
  'region_id',
  'categories',
  'disability_level',
  'household',
  'consents',
  'risk_flags',
  'notes',
])
const ROW_FIELD = /^(household\[\d+\]\.(name|relation|contact)|consents\[\d+\]\.(kind|scope|given_on|withdrawn_on)|household\[\d+\]|consents\[\d+\]|categories\[\d+\]|risk_flags\[\d+\])$/

/** Whether the dialog shows a server issue for this field path. */
export function showsClientField(field: string): boolean {
  return TOP_FIELDS.has(field) || ROW_FIELD.test(field)
}

/**
 * The error for a field shown as one control, including its items' errors: "risk_flags" also
 * shows "risk_flags[2]" (the tags of a multi-select have no field of their own).
 */
export function errorOf(errors: Record<string, string>, field: string): string | undefined {
  if (errors[field]) return errors[field]
  const item = Object.keys(errors).find((key) => key.startsWith(`${field}[`))
  return item ? errors[item] : undefined
}
