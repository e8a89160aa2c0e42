// @gradstream/sweep/queue: sweeps across machines on a BullMQ queue in Redis. A subpath of its own so that
// the main entry never loads bullmq or ioredis, which are optional peer dependencies.
export { queue } from './queueEngine'
export type { QueueEngineOptions } from './queueEngine'
export { queueWorker } from './queueWorker'
export type { QueueWorker, QueueWorkerOptions } from './queueWorker'
export { runWorkerCommand, parseWorkerArgs, WORKER_USAGE } from './workerCommand'
export type { WorkerArgs, WorkerCommandOutput } from './workerCommand'
