// The client form's checks of an ID number and a phone as typed, and what an ID number says of its
// holder: the same answers as the server's rules (src/core/id_number.cpp, client_rules.cpp).
import { describe, expect, it } from 'vitest'
import {
  idNumberFacts,
  idNumberProblem,
  isValidIdNumber,
  isValidPhone,
  normalizeIdNumber,
  phoneProblem,
} from '@/views/clients/identity'

describe('ID numbers', () => {
  it.each([
    ['110105199003071239', true],
    ['420106195602280025', true],
    ['42010619800101100X', true],
    ['42010619800101100x', true], // a lower-case check letter is the same number
    [' 110105199003071239\u3000', true], // spaces an input method leaves around it
    ['110105199003071238', false], // wrong check digit
    ['110105200002290013', true], // 29 February of a leap year
    ['110105190002290017', false], // 1900 was not a leap year
    ['110105189912310015', false], // before 1900
    ['11010519900307123', false], // 17 characters
    ['1101051990030712391', false], // 19 characters
    ['11010519900307123A', false],
    ['', false],
  ])('%j is valid: %s', (id, valid) => {
    expect(isValidIdNumber(id)).toBe(valid)
  })

  it.each([
    ['', false, null],
    ['1101', false, null], // still being typed
    ['1101', true, 'length'], // left like that
    ['11010a', false, 'chars'],
    ['1101051990030712X3', false, 'chars'], // X only at the end
    ['1101051990030712391', false, 'length'],
    ['110105199013071234', false, 'birth_date'],
    ['110105199003071238', false, 'checksum'],
    ['110105199003071239', true, null],
  ] as const)('%j (complete %s) has the problem %s', (id, complete, problem) => {
    expect(idNumberProblem(id, complete)).toBe(problem)
  })

  it.each([
    ['110105199003071239', { birth_date: '1990-03-07', gender: 'male' }],
    ['420106195602280025', { birth_date: '1956-02-28', gender: 'female' }],
    ['42010619800101100x', { birth_date: '1980-01-01', gender: 'female' }],
    ['420105202301010028', { birth_date: '2023-01-01', gender: 'female' }],
    ['110105199003071238', null],
    ['1101051990', null],
  ])('%j states %j', (id, facts) => {
    expect(idNumberFacts(id)).toEqual(facts)
  })

  it('normalises as the server stores', () => {
    expect(normalizeIdNumber(' 42010619800101100x ')).toBe('42010619800101100X')
  })
})

describe('phones', () => {
  it.each([
    ['13912345678', true],
    ['139 1234 5678', true],
    ['12912345678', false], // no mobile starts 12
    ['1391234567', false],
    ['027-87650000', true],
    ['02787650000', true],
    ['027-8765000-123', true], // with an extension
    ['0755-12345678', true],
    ['027-876500', false],
    ['87650000', false], // a landline needs its area code
    ['', false],
  ])('%j is valid: %s', (phone, valid) => {
    expect(isValidPhone(phone)).toBe(valid)
  })

  it.each([
    ['', false, null],
    ['139', false, null], // still being typed
    ['139', true, 'invalid'],
    ['139abc', false, 'chars'],
    ['12912345678', false, 'invalid'], // 11 digits: judged
    ['13912345678', false, null],
    ['027-8765', false, null],
    ['87650000', false, 'invalid'], // can never become valid
  ] as const)('%j (complete %s) has the problem %s', (phone, complete, problem) => {
    expect(phoneProblem(phone, complete)).toBe(problem)
  })
})
