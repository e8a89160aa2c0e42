// The whole of @gradstream/plot. Each part is also an entry of its own
// (@gradstream/plot/terminal, /figure, /dashboard); importing any of them
// loads no native module, HTTP server or progress bar library until a PNG,
// a dashboard or a bar on a TTY is asked for.
export * from './terminal/index'
export * from './figure/index'
export * from './dashboard/index'
