import audit from './audit'
import auth from './auth'
import caseDetail from './caseDetail'
import caseTerms from './caseTerms'
import casework from './casework'
import clients from './clients'
import common from './common'
import complaints from './complaints'
import feedback from './feedback'
import home from './home'
import jobs from './jobs'
import layout from './layout'
import notifications from './notifications'
import offline from './offline'
import orgs from './orgs'
import quality from './quality'
import regions from './regions'
import settings from './settings'
import surveys from './surveys'
import users from './users'

const zhCN = { common, auth, layout, home, orgs, users, regions, audit, settings, clients, caseTerms, caseDetail, casework, notifications, jobs, offline, quality, feedback, complaints, surveys }
export default zhCN
export type MessageSchema = typeof zhCN
