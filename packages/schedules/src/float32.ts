// TensorFlow 1.x builds every schedule from float32 tensor ops. Each function is
// one such op: the exact result rounded once to float32. For + - * / of
// float32 operands the double result rounded by Math.fround is the float32
// result; for pow, exp, log and cos it is the correctly rounded value, which
// glibc's powf, expf, logf and cosf return on the inputs schedules produce.

/** Rounds to float32: a constant or a value cast to `tf.float32`. */
export const f32 = Math.fround

/** π as `constant_op.constant(math.pi)` stores it. */
export const PI_F32 = Math.fround(Math.PI)

export const powf = (base: number, exponent: number): number => Math.fround(Math.pow(base, exponent))
export const expf = (x: number): number => Math.fround(Math.exp(x))
export const logf = (x: number): number => Math.fround(Math.log(x))
export const cosf = (x: number): number => Math.fround(Math.cos(x))
