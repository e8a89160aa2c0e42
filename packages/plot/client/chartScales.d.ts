/** The axes of the overlaid charts (see chartScales.js). */
export declare function decadeRange(min: number, max: number): [number, number]
export declare function decadeSplits(min: number, max: number): number[]
export declare function decadeLabel(value: number): string
export declare const X_AXES: Readonly<Record<string, string>>
export declare function xOfSteps(
  steps: readonly number[],
  axis: string,
  series: { readonly steps: readonly number[]; readonly values: readonly number[] } | undefined,
): (number | null)[]
