// Background jobs (后台任务): the job queue in the database that every node's workers take work
// from — deadline scans, follow-up reminders, clean-ups. Admins (jobs.read) see the counts, the
// newest jobs and, per job, each attempt's run.
import type { JsonValue } from './audit'
import type { Page, PageQuery } from './paging'
import { endpoint, type CallOptions } from './request'

/** The statuses a job is in (and the list filters by). */
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

/** What the list filters by: a status, or "due" — pending and past its run time, not yet claimed. */
export const JOB_FILTERS = ['pending', 'due', 'running', 'done', 'failed'] as const
export type JobFilter = (typeof JOB_FILTERS)[number]

export type JobRunOutcome = 'done' | 'retry' | 'failed'

/** Times are local ISO strings with offset ("2026-12-03T17:05:00+08:00"). */
export interface Job {
  id: number
  /** "cases.scan_deadlines", "cases.scan_followups", "jobs.cleanup", … */
  kind: string
  /** "" when none; a recurring job's is "kind@slot". */
  dedupe_key: string
  payload: JsonValue
  status: JobStatus
  run_at: string
  /** The number of the latest attempt (from 1 once claimed). */
  attempts: number
  max_attempts: number
  /** The node holding the lease while running ("" otherwise). */
  lease_owner: string
  lease_until: string | null
  created_at: string
  finished_at: string | null
  last_error: string
}

/** One finished attempt of a job, on the node that ran it. */
export interface JobRun {
  id: number
  node: string
  attempt: number
  started_at: string
  finished_at: string
  outcome: JobRunOutcome
  error: string
}

export interface JobDetail extends Job {
  runs: JobRun[]
}

/** Counts over the whole queue: pending includes due (pending and past its run_at). */
export interface JobSummary {
  pending: number
  due: number
  running: number
  done: number
  failed: number
  /** The run_at of the longest-waiting due job, or null. */
  oldest_due: string | null
}

export interface JobPage extends Page<Job> {
  summary: JobSummary
}

export interface JobListQuery extends PageQuery {
  status?: JobFilter
}

const list = endpoint<JobPage>('GET', '/api/v1/jobs')
const one = endpoint<JobDetail>('GET', '/api/v1/jobs/{id}')

/** The newest jobs (filtered by status, or the due ones) and the queue's counts. Errors: auth.forbidden (no jobs.read),
 *  validation.failed (status). */
export function getJobList(query: JobListQuery = {}, options?: CallOptions): Promise<JobPage> {
  return list({ query: { ...query }, ...options })
}

/** One job with its runs. Errors: jobs.not_found. */
export function getJob(id: number, options?: CallOptions): Promise<JobDetail> {
  return one({ params: { id }, ...options })
}
