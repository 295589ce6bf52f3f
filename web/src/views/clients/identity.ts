// The rules of a resident ID number (居民身份证号码, GB 11643-1999) and of a phone number as the
// server checks them (src/core/id_number.cpp, IsValidPhone in src/modules/clients/client_rules.cpp),
// so that the client form can check them as they are typed and fill the birth date and gender in
// from the ID number. The server checks again; these only spare a round trip.
import type { Gender } from '@/api/clients'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARS = '10X98765432'

/** Without surrounding spaces (the full-width one too) and with a trailing x made X, as the server stores it. */
export function normalizeIdNumber(text: string): string {
  const trimmed = text.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '')
  return trimmed.endsWith('x') ? `${trimmed.slice(0, -1)}X` : trimmed
}

function birthDateOf(id: string): string | null {
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate()
  if (day > daysInMonth) return null
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`
}

/**
 * What is wrong with an ID number as typed so far, or null when nothing is (yet):
 * - 'chars': something other than digits (and a final X);
 * - 'length': more than 18 characters, or (when complete is true) fewer;
 * - 'birth_date': the digits 7–14 are not a date from 1900 on;
 * - 'checksum': the check character does not match.
 * An empty text is fine (the ID number is optional).
 */
export type IdNumberProblem = 'chars' | 'length' | 'birth_date' | 'checksum'

export function idNumberProblem(text: string, complete = false): IdNumberProblem | null {
  const id = normalizeIdNumber(text)
  if (id === '') return null
  if (id.length > 18) return /^\d+X?$/.test(id) ? 'length' : 'chars'
  if (!/^\d{0,17}$/.test(id.slice(0, 17)) || !/^[\dX]?$/.test(id.slice(17))) return 'chars'
  if (id.length < 18) return complete ? 'length' : null
  if (birthDateOf(id) === null) return 'birth_date'
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(id[i]), 0)
  return CHECK_CHARS[sum % 11] === id[17] ? null : 'checksum'
}

export function isValidIdNumber(text: string): boolean {
  const id = normalizeIdNumber(text)
  return id.length === 18 && idNumberProblem(id, true) === null
}

/** The birth date (YYYY-MM-DD) and gender a valid ID number states (the 17th digit: odd for men), else null. */
export function idNumberFacts(text: string): { birth_date: string; gender: Gender } | null {
  const id = normalizeIdNumber(text)
  if (!isValidIdNumber(id)) return null
  return { birth_date: birthDateOf(id) as string, gender: Number(id[16]) % 2 === 1 ? 'male' : 'female' }
}

function allDigits(text: string, min: number, max: number): boolean {
  return text.length >= min && text.length <= max && /^\d*$/.test(text)
}

/** A mainland mobile number (1[3-9] and 9 digits) or a landline with its area code (0 + 2–3 digits,
 *  an optional '-', 7–8 digits, an optional extension "-123"); spaces inside are ignored, as the server does. */
export function isValidPhone(text: string): boolean {
  const phone = text.replace(/\s/g, '')
  if (/^1[3-9]\d{9}$/.test(phone)) return true
  if (!phone.startsWith('0')) return false
  let main = phone
  const first = phone.indexOf('-')
  const last = phone.lastIndexOf('-')
  if (last !== -1 && last !== first) {
    if (!allDigits(phone.slice(last + 1), 1, 6)) return false
    main = phone.slice(0, last)
  }
  const dash = main.indexOf('-')
  if (dash !== -1) return allDigits(main.slice(0, dash), 3, 4) && allDigits(main.slice(dash + 1), 7, 8)
  return allDigits(main, 10, 12)
}

/**
 * What is wrong with a phone as typed so far: 'chars' (anything but digits, '-' and spaces) at
 * once, 'invalid' once it is long enough to judge (11 digits for a mobile) or when complete.
 */
export function phoneProblem(text: string, complete = false): 'chars' | 'invalid' | null {
  const phone = text.replace(/\s/g, '')
  if (phone === '') return null
  if (!/^[\d-]+$/.test(phone)) return 'chars'
  if (isValidPhone(phone)) return null
  const digits = phone.replace(/-/g, '').length
  const judged = complete || (phone.startsWith('1') ? digits >= 11 : digits >= 12) || !/^[01]/.test(phone)
  return judged ? 'invalid' : null
}
