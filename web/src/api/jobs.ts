// Background jobs (后台任务): the job queue in the database that every node's workers take work
// from — deadline scans, follow-up reminders, clean-ups. Admins (jobs.read) see the counts, the
// newest jobs and, per job, each attempt's run.
import type { JsonValue } from './audit'
import type { Page, PageQuery } from './paging'
import { endpoint, type CallOptions } from './request'
import type { components } from './schema'

type Schemas = components['schemas']

/** The statuses a job is in (and the list filters by). */
export const JOB_STATUSES = ['pending', 'running', 'done', 'failed'] as const satisfies readonly Schemas['JobStatus'][]
export type JobStatus = Schemas['JobStatus']

/** What the list filters by: a status, or "due" — pending and past its run time, not yet claimed. */
export const JOB_FILTERS = ['pending', 'due', 'running', 'done', 'failed'] as const
export type JobFilter = (typeof JOB_FILTERS)[number]

export type JobRunOutcome = Schemas['JobRun']['outcome']

/** Times are local ISO strings with offset ("2026-12-03T17:05:00+08:00"). */
/** `payload` is the job's input, any JSON. */
export type Job = Omit<Schemas['Job'], 'payload'> & { payload: JsonValue }

/** One finished attempt of a job, on the node that ran it. */
export type JobRun = Schemas['JobRun']

export type JobDetail = Job & { runs: JobRun[] }

/** Counts over the whole queue: pending includes due (pending and past its run_at). */
export type JobSummary = Schemas['JobSummary']

export type JobPage = Page<Job> & { summary: JobSummary }

export interface JobListQuery extends PageQuery {
  status?: JobFilter
}

const list = endpoint('GET', '/api/v1/jobs')
const one = endpoint('GET', '/api/v1/jobs/{id}')

/** The newest jobs (filtered by status, or the due ones) and the queue's counts. Errors: auth.forbidden (no jobs.read),
 *  validation.failed (status). */
export function getJobList(query: JobListQuery = {}, options?: CallOptions): Promise<JobPage> {
  // The document calls a payload any JSON; this app reads it as JsonValue.
  return list({ query: { ...query }, ...options }) as Promise<JobPage>
}

/** One job with its runs. Errors: jobs.not_found. */
export function getJob(id: number, options?: CallOptions): Promise<JobDetail> {
  return one({ params: { id }, ...options }) as Promise<JobDetail>
}
