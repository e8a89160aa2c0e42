// @gradstream/plot/dashboard: the live dashboard page. Node's HTTP server
// loads when serveDashboard is first called.
export { serveDashboard } from './serveDashboard'
export type { Dashboard, RunSummary } from './serveDashboard'
export type { DashboardOptions, DashboardClassifier, DashboardSnapshot } from './dashboardOptions'
export { serveLogdir } from './serveLogdir'
export type { LogdirDashboard, LogdirDashboardOptions } from './serveLogdir'
export { lttb } from './lttb'
