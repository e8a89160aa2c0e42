// @gradstream/plot/dashboard: the live dashboard page, of runs in this
// process or of a log directory. Node's HTTP server loads when one is served.
export { serveDashboard } from './serveDashboard'
export type { Dashboard, RunSummary } from './serveDashboard'
export type { DashboardOptions, DashboardClassifier, DashboardSnapshot } from './dashboardOptions'
export { serveLogdir } from './serveLogdir'
export type { LogdirDashboard, LogdirDashboardOptions } from './serveLogdir'
